import Testing

@testable import IGCore

struct TerminalSafeTests {
    @Test(arguments: [
        ("2025-01-01T00:00:00\u{1B}]0;owned\u{07}", "2025-01-01T00:00:00\\u001b]0;owned\\u0007"),
        ("a\rb\tc\u{0}d", "a\\u000db\\u0009c\\u0000d"), ("\u{7F}\u{9B}2J", "\\u007f\\u009b2J"),
        ("evil\u{202E}txt.exe", "evil\\u202etxt.exe"),
    ])
    func escapesWhatATerminalWouldActOn(raw: String, shown: String) {
        #expect(raw.terminalSafe == shown)
    }

    @Test func keepsLineFeedsAndOrdinaryTextAsTheyAre() {
        let text = "line one\nligne deux: café, 東京, 🎉\n"
        #expect(text.terminalSafe == text)
    }

    @Test func anEscapedJSONLineStillParsesToTheSameValue() throws {
        let line = "{\"caption\":\"a\u{9B}b\u{7F}\"}"
        let parsed = try JSONParser.parse(Array(line.terminalSafe.utf8))
        #expect(parsed == (try JSONParser.parse(Array(line.utf8))))
    }
}
