import CXMLWriter
import Foundation
import Testing

/// Writes a document into memory through the shim and returns it.
private func document(_ body: (OpaquePointer) -> Void) throws -> String {
    let writer = try #require(cxml_open_memory())
    #expect(cxml_start_document(writer) >= 0)
    body(writer)
    #expect(cxml_end_document(writer) >= 0)
    #expect(cxml_flush(writer) >= 0)
    var length = 0
    let bytes = try #require(cxml_memory_bytes(writer, &length))
    let text = String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    #expect(cxml_close(writer) == 0)
    return text
}

/// Whether xmllint accepts the document as well-formed.
private func xmllintAccepts(_ text: String) throws -> Bool {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cxml-\(UUID().uuidString).xml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    process.arguments = ["--noout", file.path]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
}

struct CXMLWriterTests {
    @Test func escapesMarkupInTextAndAttributes() throws {
        let text = try document { writer in
            cxml_start_element(writer, "item")
            cxml_write_attribute(writer, "title", "a \"quoted\" 'value' <&>")
            cxml_write_text(writer, "5 < 6 & 7 > 3 \"quoted\" 'single'")
            cxml_end_element(writer)
        }
        #expect(text.contains("title=\"a &quot;quoted&quot; 'value' &lt;&amp;&gt;\""))
        #expect(text.contains(">5 &lt; 6 &amp; 7 &gt; 3 &quot;quoted&quot; 'single'</item>"))
        #expect(try xmllintAccepts(text))
    }

    @Test func declaresNamespacesAndWritesPrefixedElements() throws {
        let text = try document { writer in
            cxml_start_element(writer, "rss")
            cxml_write_attribute(writer, "xmlns:media", "http://search.yahoo.com/mrss/")
            cxml_start_element_ns(writer, "atom", "link", "http://www.w3.org/2005/Atom")
            cxml_write_attribute(writer, "rel", "self")
            cxml_end_element(writer)
            cxml_start_element(writer, "media:content")
            cxml_write_attribute(writer, "medium", "image")
            cxml_end_element(writer)
            cxml_end_element(writer)
        }
        #expect(text.contains("<atom:link rel=\"self\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"))
        #expect(text.contains("<media:content medium=\"image\"></media:content>"))
        #expect(try xmllintAccepts(text))
    }

    @Test func emojiAndRightToLeftTextSurvive() throws {
        let caption = "Sunset 🌅👨‍👩‍👧 مرحبا بالعالم שלום café"
        let text = try document { writer in
            cxml_write_element(writer, "caption", caption)
        }
        #expect(text.contains("<caption>\(caption)</caption>"))
        #expect(try xmllintAccepts(text))
    }

    @Test func dropsCharactersXMLForbids() throws {
        let text = try document { writer in
            cxml_start_element(writer, "c")
            cxml_write_attribute(writer, "a", "x\u{01}y\u{08}z")
            cxml_write_text(writer, "tab\tnew\nline\u{0B}bell\u{07}nul-free\u{1F}end\u{FFFE}\u{FFFF}")
            cxml_end_element(writer)
        }
        #expect(text.contains("a=\"xyz\""))
        #expect(text.contains("tab\tnew\nlinebellnul-freeend</c>"))
        #expect(try xmllintAccepts(text))
    }

    @Test func dropsInvalidUTF8() throws {
        let bytes: [UInt8] = [0x6F, 0x6B, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF, 0x21, 0]
        let clean = try #require(
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cxml_sanitize($0.baseAddress) }
            }
        )
        defer { free(clean) }
        #expect(String(cString: clean) == "ok(!")
    }

    @Test func splitsCDATAAroundItsTerminator() throws {
        let text = try document { writer in
            cxml_start_element(writer, "c")
            cxml_write_cdata(writer, "a]]>b <tag> & \u{01}")
            cxml_end_element(writer)
        }
        #expect(text.contains("<![CDATA[a]]]]><![CDATA[>b <tag> & ]]>"))
        #expect(try xmllintAccepts(text))
    }

    @Test func writesToAFileDescriptorOnFlush() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cxml-fd-\(UUID().uuidString)").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let writer = try #require(cxml_open_fd(fd))
        cxml_start_document(writer)
        cxml_write_element(writer, "a", "1")
        cxml_flush(writer)
        let flushed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(flushed.hasSuffix("<a>1</a>"))
        cxml_end_document(writer)
        #expect(cxml_close(writer) == 0)
        close(fd)
        #expect(try xmllintAccepts(String(contentsOfFile: path, encoding: .utf8)))
    }
}
