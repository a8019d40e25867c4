import Testing

@testable import IGCore

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func failure(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsObjectKeysInTheirOrder() throws {
        let value = try parse(#"{"z":1,"a":{"y":true,"b":null},"m":[1,"x",false]}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value.objectValue?["a"]?.objectValue?.keys == ["y", "b"])
        #expect(value == ["z": 1, "a": ["y": true, "b": nil], "m": [1, "x", false]])
    }

    @Test func readsIntegersThatFitSixtyFourBitsExactly() throws {
        #expect(try parse("17841400000000001") == .int(17_841_400_000_000_001))
        #expect(try parse("9223372036854775807") == .int(Int64.max))
        #expect(try parse("-9223372036854775808") == .int(Int64.min))
        #expect(try parse("0") == .int(0))
        #expect(try parse("-12") == .int(-12))
    }

    @Test func readsOtherNumbersAsDoubles() throws {
        #expect(try parse("1.5") == .double(1.5))
        #expect(try parse("-0.25e2") == .double(-25))
        #expect(try parse("1E3") == .double(1000))
        #expect(try parse("3.141592653589793") == .double(3.141592653589793))
        #expect(try parse("1e-7") == .double(1e-7))
        #expect(try parse("2.2250738585072014e-308") == .double(2.2250738585072014e-308))
    }

    @Test func decodesEveryEscape() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try parse(#""caf\u00e9 \u2764""#) == .string("café ❤"))
    }

    @Test func joinsSurrogatePairsAndReplacesLoneSurrogates() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""x\ud83dy""#) == .string("x\u{FFFD}y"))
        #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
    }

    @Test func keepsRawUTF8AndRepairsInvalidBytes() throws {
        #expect(try parse("\"emoji 🎉 עברית\"") == .string("emoji 🎉 עברית"))
        let invalid: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(try JSONParser.parse(invalid) == .string("a\u{FFFD}b"))
    }

    @Test func reportsTheOffsetOfTheFirstBadByte() {
        #expect(failure(#"{"a":1,}"#) == JSONParseError(code: .unexpectedByte, offset: 7))
        #expect(failure(#"[1 2]"#) == JSONParseError(code: .unexpectedByte, offset: 3))
        #expect(failure(#""bad \q""#) == JSONParseError(code: .invalidEscape, offset: 5))
        #expect(failure(#""\u12G4""#) == JSONParseError(code: .invalidEscape, offset: 5))
        #expect(failure("\"tab\there\"") == JSONParseError(code: .controlCharacterInString, offset: 4))
        #expect(failure("01") == JSONParseError(code: .trailingData, offset: 1))
        #expect(failure("1.") == JSONParseError(code: .unexpectedEnd, offset: 2))
        #expect(failure("-x") == JSONParseError(code: .invalidNumber, offset: 1))
        #expect(failure("tru") == JSONParseError(code: .unexpectedEnd, offset: 3))
        #expect(failure("nul!") == JSONParseError(code: .unexpectedByte, offset: 3))
    }

    @Test func refusesTruncatedDocuments() {
        let document = #"{"data":[{"id":"1","caption":"hello"}],"paging":{"cursors":{"after":"QVFI"}}}"#
        let bytes = Array(document.utf8)
        for length in 0..<bytes.count {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(bytes[..<length])) }
        }
        #expect(failure(String(document.prefix(20)))?.code == .unexpectedEnd)
    }

    @Test func refusesTrailingDataButNotTrailingWhitespace() throws {
        #expect(try parse(" {\"a\":[]}\r\n\t ") == ["a": []])
        #expect(failure(#"{"a":1} {"b":2}"#) == JSONParseError(code: .trailingData, offset: 8))
    }

    @Test func refusesNestingBeyondTheLimit() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1)
        #expect(failure(deep)?.code == .tooDeep)
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(failure(fine) == nil)
    }

    @Test func parsesFromRawMemory() throws {
        let bytes = Array(#"{"id":"17895695668004550","like_count":42}"#.utf8)
        let value = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        #expect(value == ["id": "17895695668004550", "like_count": 42])
    }
}
