import Foundation
import IGCore
import IGEngine

/// CSV writer: any record (the input as JSON; a non-object is wrapped as `{"value": …}`) reads back, with an
/// RFC 4180 reader, as a header of its keys and one row of as many fields, where text and integers come back
/// exactly.
// Also exported under the name libFuzzer links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let value = try? JSONParser.parse(UnsafeRawBufferPointer(start: start, count: count)) else { return 0 }
    let record = value.objectValue ?? JSONObject([("value", value)])
    guard !record.isEmpty else { return 0 }
    let folder = NSTemporaryDirectory() + "igexport-fuzz-\(getpid())-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/out.csv"
    do {
        let sink = try makeSink(
            SinkConfig(format: .csv, streams: [], path: path),
            context: SinkContext(pipeline: "fuzz", runID: "r", date: "2025-01-01")
        )
        try sink.write(Page(stream: .media, account: "me", records: [record]))
        _ = try sink.commit(sync: false)
        _ = try sink.finish()
    } catch {
        fatalError("the CSV sink failed: \(error)")
    }
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("no output at \(path)") }
    let rows = readCSV(Array(data))
    guard rows.count == 2, rows[0] == record.keys, rows[1].count == rows[0].count else {
        fatalError("read back \(rows) for keys \(record.keys)")
    }
    for (index, member) in record.members.enumerated() where member.key.allSatisfy({ $0.isLetter || $0 == "_" }) {
        let expected: String
        switch member.value {
        case .string(let text) where !text.isEmpty: expected = text
        case .int(let integer): expected = String(integer)
        case .number(let digits): expected = digits
        default: continue
        }
        guard rows[1][index] == expected else { fatalError("\(member.key): wrote \(expected), read \(rows[1][index])") }
    }
    return 0
}

/// Rows of RFC 4180 CSV with LF or CRLF line ends (a lone CR inside quotes is data).
func readCSV(_ bytes: [UInt8]) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell: [UInt8] = []
    var inQuotes = false
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if inQuotes {
            if byte == UInt8(ascii: "\"") {
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    cell.append(byte)
                    index += 1
                } else {
                    inQuotes = false
                }
            } else {
                cell.append(byte)
            }
        } else if byte == UInt8(ascii: "\"") {
            inQuotes = true
        } else if byte == UInt8(ascii: ",") {
            row.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll()
        } else if byte == 0x0A || (byte == 0x0D && index < bytes.count && bytes[index] == 0x0A) {
            if byte == 0x0D { index += 1 }
            row.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll()
            rows.append(row)
            row.removeAll()
        } else {
            cell.append(byte)
        }
    }
    if !cell.isEmpty || !row.isEmpty {
        row.append(String(decoding: cell, as: UTF8.self))
        rows.append(row)
    }
    return rows
}
