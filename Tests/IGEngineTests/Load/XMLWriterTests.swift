import CXMLWriter
import Testing

@testable import IGEngine

/// `XMLWriter` escapes in Swift what libxml2's text writer escaped before it; these tests hold the two to the
/// same bytes, so that feeds and XML files stay byte-identical across the change and resumed files continue
/// in the same form.
struct XMLWriterTests {
    static let hostile = [
        "",
        "plain ASCII text",
        "5 < 6 & 7 > 3 \"quoted\" 'single'",
        "tab\tnew\nline\rcarriage\r\nend",
        "bell\u{07}nul\u{0}vertical\u{0B}unit\u{1F}del\u{7F}",
        "nonchar \u{FFFE}\u{FFFF} replacement \u{FFFD} bom \u{FEFF}",
        "café naïve 日本語 مرحبا שלום",
        "emoji 😀🏖️ flags 🇯🇵 family 👨‍👩‍👧",
        "C1 \u{80}\u{9F} private \u{E000} last \u{10FFFF}",
        "]]> <![CDATA[ x ]]> &amp; &#x26; <item>",
        String(repeating: "long <&> caption 😀 ", count: 200),
    ]

    /// The bytes libxml2 writes for `body` through the shim.
    private static func libxml2(document: Bool, _ body: (OpaquePointer) -> Void) throws -> [UInt8] {
        let writer = try #require(cxml_open_memory())
        defer { cxml_close(writer) }
        if document { cxml_start_document(writer) }
        body(writer)
        #expect(cxml_flush(writer) >= 0)
        var length = 0
        guard let bytes = cxml_memory_bytes(writer, &length) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    private static func swift(document: Bool, _ body: (inout XMLWriter) -> Void) -> [UInt8] {
        var writer = XMLWriter()
        if document { writer.startDocument() }
        body(&writer)
        return writer.bytes
    }

    @Test(arguments: [false, true])
    func escapesTextAndAttributesAsLibxml2Does(document: Bool) throws {
        for text in XMLWriterTests.hostile {
            let cText = text.replacing("\u{0}", with: "")
            let expected = try XMLWriterTests.libxml2(document: document) { writer in
                cxml_start_element(writer, "record")
                cxml_write_attribute(writer, "name", cText)
                cxml_write_attribute(writer, "stream", "media")
                cxml_start_element_ns(writer, "media", "content", nil)
                cxml_write_attribute(writer, "url", cText)
                cxml_end_element(writer)
                cxml_write_text(writer, cText)
                cxml_write_element(writer, "caption", cText)
                cxml_start_element(writer, "empty")
                cxml_end_element(writer)
                cxml_start_element(writer, "nil")
                cxml_write_attribute(writer, "xsi:nil", "true")
                cxml_end_element(writer)
                cxml_end_element(writer)
                cxml_write_raw(writer, "\n")
            }
            let actual = XMLWriterTests.swift(document: document) { writer in
                writer.startElement("record")
                writer.attribute("name", text)
                writer.attribute("stream", "media")
                writer.startElement(prefix: "media", "content")
                writer.attribute("url", text)
                writer.endElement()
                writer.text(text)
                writer.element("caption", text)
                writer.startElement("empty")
                writer.endElement()
                writer.startElement("nil")
                writer.attribute("xsi:nil", "true")
                writer.endElement()
                writer.endElement()
                writer.raw("\n")
            }
            #expect(
                String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                "text \(text.debugDescription)"
            )
            #expect(actual == expected)
        }
    }

    @Test func writesRawMarkupAfterAnOpenStartTagAsLibxml2Does() throws {
        let expected = try XMLWriterTests.libxml2(document: true) { writer in
            cxml_start_element(writer, "records")
            cxml_write_attribute(writer, "pipeline", "démo")
            cxml_write_raw(writer, "\n")
            cxml_start_element(writer, "title")
            cxml_write_raw(writer, "a &#x26; b")
            cxml_end_element(writer)
        }
        let actual = XMLWriterTests.swift(document: true) { writer in
            writer.startElement("records")
            writer.attribute("pipeline", "démo")
            writer.raw("\n")
            writer.startElement("title")
            writer.raw("a &#x26; b")
            writer.endElement()
        }
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
