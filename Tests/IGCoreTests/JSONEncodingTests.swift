import Foundation
import IGCore
import TestSupport
import Testing

@Suite struct JSONEncodingTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let value = JSONValue.string("a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{1F}")
        #expect(value.jsonText == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001f""#)
    }

    @Test func keepsNonASCIIAsUTF8() {
        #expect(JSONValue.string("café 日本 😀 مرحبا").jsonText == "\"café 日本 😀 مرحبا\"")
    }

    @Test func writesNullForNonFiniteDoubles() {
        #expect(
            JSONValue.array([.double(.nan), .double(.infinity), .double(-.infinity)]).jsonText == "[null,null,null]"
        )
    }

    @Test func writesDoublesThatRoundTrip() throws {
        for number in [
            0.1, 1.0, -0.0, 1e-7, 5e20, 123_456.789, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
        ] {
            let text = JSONValue.double(number).jsonText
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect((parsed as? NSNumber)?.doubleValue == number, "\(text)")
        }
    }

    @Test func writesEveryInteger() {
        #expect(
            JSONValue.array([0, 7, -7, 10, .int(.max), .int(.min)]).jsonText
                == "[0,7,-7,10,9223372036854775807,-9223372036854775808]"
        )
    }

    @Test func keepsKeysInOrder() {
        let object: JSONValue = ["z": 1, "a": [true, false, nil], "m": ["k": "v"]]
        #expect(object.jsonText == #"{"z":1,"a":[true,false,null],"m":{"k":"v"}}"#)
    }

    @Test func producesJSONThatParsesBackToTheSameStrings() throws {
        for (_, caption) in HostileRecords.captions {
            guard let caption else { continue }
            let text = JSONValue.string(caption).jsonText
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect(parsed as? String == caption)
        }
    }
}
