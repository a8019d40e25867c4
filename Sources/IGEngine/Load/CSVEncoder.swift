import IGCore
import IGGraph

/// Encodes CSV cells and rows (RFC 4180) for one dialect.
///
/// - `null` and missing values are empty unquoted fields; an empty string is `""`, so loaders told to
///   (DuckDB `allow_quoted_nulls=false`, Snowflake `EMPTY_FIELD_AS_NULL`) can tell them apart.
/// - A field is quoted when it holds a comma, a quote, CR or LF; quotes inside are doubled.
/// - Arrays are JSON text, or their elements joined with `arraySeparator` (strings as they are, `null` as
///   nothing, other values as JSON); objects are JSON text.
/// - The `excel` dialect prefixes `'` to text cells that start with `=`, `+`, `-`, `@`, tab or CR, which a
///   spreadsheet would otherwise run as a formula; numbers are never changed, so `-3` stays a number.
struct CSVEncoder: Sendable {
    var dialect: CSVDialect
    var arraySeparator: String?

    /// The line end of the dialect.
    var lineEnd: [UInt8] { dialect == .excel ? [0x0D, 0x0A] : [0x0A] }

    /// Appends one row of cells and the line end.
    func appendRow(_ cells: [JSONValue?], to buffer: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendCell(cell, to: &buffer)
        }
        buffer.append(contentsOf: lineEnd)
    }

    func appendCell(_ value: JSONValue?, to buffer: inout [UInt8]) {
        switch value {
        case nil, .null?:
            return
        case .bool(let flag)?:
            buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let integer)?:
            JSONValue.appendInteger(integer, to: &buffer)
        case .double(let number)?:
            if number.isFinite { JSONValue.appendDouble(number, to: &buffer) }
        case .number(let text)?:
            buffer.append(contentsOf: text.utf8)
        case .string(let text)?:
            appendText(text, to: &buffer)
        case .array(let elements)?:
            if let arraySeparator {
                var joined = ""
                for (index, element) in elements.enumerated() {
                    if index > 0 { joined += arraySeparator }
                    switch element {
                    case .string(let text): joined += text
                    case .null: break
                    default: joined += element.jsonText
                    }
                }
                appendText(joined, to: &buffer)
            } else {
                appendText(JSONValue.array(elements).jsonText, to: &buffer)
            }
        case .object(let object)?:
            appendText(object.jsonText, to: &buffer)
        }
    }

    func appendText(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard let first = bytes.first else {
                buffer.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
                return
            }
            let guarded =
                dialect == .excel
                && (first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D)
            let quoted = bytes.contains {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            }
            if quoted { buffer.append(UInt8(ascii: "\"")) }
            if guarded { buffer.append(UInt8(ascii: "'")) }
            if quoted {
                var runStart = 0
                for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...index]))
                    buffer.append(UInt8(ascii: "\""))
                    runStart = index + 1
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
    }

    /// The cells of the first row of `bytes` (a header), decoding quotes; `nil` when the row has no end yet.
    static func firstRow(of bytes: [UInt8]) -> [String]? {
        var cells: [String] = []
        var cell: [UInt8] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var inQuotes = false
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
                cells.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll()
            } else if byte == 0x0A || byte == 0x0D {
                cells.append(String(decoding: cell, as: UTF8.self))
                return cells
            } else {
                cell.append(byte)
            }
        }
        return nil
    }
}
