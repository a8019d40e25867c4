import Testing

@testable import IGCore

@Suite struct JSONParserHostileTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func aRepeatedKeyKeepsItsFirstPositionAndLastValue() throws {
        let value = try parse(#"{"id":"1","caption":"a","id":"2"}"#)
        #expect(value.objectValue?.keys == ["id", "caption"])
        #expect(value.objectValue?["id"] == "2")
        #expect(value.jsonText == #"{"id":"2","caption":"a"}"#)
    }

    @Test func anObjectWithManyRepeatedKeysKeepsOneValuePerKey() throws {
        let members = (0..<5000).map { #""k\#($0 % 100)":\#($0)"# }.joined(separator: ",")
        let object = try #require(try parse("{\(members)}").objectValue)
        #expect(object.count == 100)
        #expect(object.keys.first == "k0")
        #expect(object["k0"] == .int(4900))
        #expect(object["k99"] == .int(4999))
    }

    @Test func keepsTheLiteralDigitsOfNumbersNoDoubleHolds() throws {
        #expect(try parse("123456789012345678901234567890") == .number("123456789012345678901234567890"))
        #expect(try parse("9223372036854775808") == .number("9223372036854775808"))
        #expect(try parse("-9223372036854775809") == .number("-9223372036854775809"))
        #expect(try parse("1e400") == .number("1e400"))
        #expect(try parse("1e-400") == .number("1e-400"))
        #expect(try parse("0.12345678901234567890") == .number("0.12345678901234567890"))
        #expect(try parse("1.0000000000000001") == .number("1.0000000000000001"))
    }

    @Test func readsNumbersADoubleHoldsExactlyAsDoubles() throws {
        #expect(try parse("1.50000000000000000000") == .double(1.5))
        #expect(try parse("0.30000000000000004") == .double(0.30000000000000004))
        #expect(try parse("1E3") == .double(1000))
        #expect(try parse("-0.0") == .double(-0.0))
        #expect(try parse("0e99999999") == .double(0))
    }

    @Test func reEncodesBigNumbersWithTheirDigits() throws {
        let text = #"{"id":123456789012345678901234567890,"big":1e400,"fine":1.5}"#
        #expect(try parse(text).jsonText == text)
    }
}
