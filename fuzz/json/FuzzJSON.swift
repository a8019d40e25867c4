import IGCore

/// JSON parser: never traps, and what it accepts re-encodes to text that parses back to the same value.
// Also exported under the name libFuzzer links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    var encoded: [UInt8] = []
    value.encodeJSON(into: &encoded)
    guard let again = try? JSONParser.parse(encoded) else {
        fatalError("the encoder wrote JSON the parser refuses: \(String(decoding: encoded, as: UTF8.self))")
    }
    guard again == value else {
        fatalError("a round trip changed the value: \(String(decoding: encoded, as: UTF8.self))")
    }
    return 0
}
