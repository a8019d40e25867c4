import IGCore

/// Timestamp parser: never traps, accepts only four-digit years, and its RFC 3339 output parses back to the
/// same instant.
// Also exported under the name libFuzzer links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let instant = Timestamp(parsing: text) else { return 0 }
    let printed = instant.rfc3339
    guard printed.utf8.count >= 20, Timestamp(parsing: printed) == instant else {
        fatalError("\(text) printed as \(printed), which does not parse back to the same instant")
    }
    _ = instant.rfc822
    return 0
}
