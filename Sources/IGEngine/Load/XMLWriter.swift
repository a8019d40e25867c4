import CXMLWriter
import IGGraph

/// A Swift face on the libxml2 text writer of `CXMLWriter`, writing into memory.
///
/// The XML and RSS sinks open one writer per page, drain its bytes into their `OutputFile` and close it, so
/// every committed offset is a real byte count and a resumed run needs no writer state: the prologue and the
/// closing tags are written as bytes by the sink. The shim drops the characters XML 1.0 forbids, so any
/// string yields a well-formed document; U+0000 is dropped here, because a C string would end at it and lose
/// the rest of the text (and, in RSS, a closing tag). A class, because it owns the C writer.
final class XMLWriter {
    private let writer: OpaquePointer
    private var failed = false

    /// Opens a writer into memory.
    init() throws(SinkError) {
        guard let writer = cxml_open_memory() else {
            throw SinkError(.io, path: "", message: "libxml2 could not open a writer (out of memory?)")
        }
        self.writer = writer
    }

    deinit {
        cxml_close(writer)
    }

    /// Writes the `<?xml version="1.0" encoding="UTF-8"?>` declaration.
    func startDocument() {
        check(cxml_start_document(writer))
    }

    func startElement(_ name: String) {
        check(cxml_start_element(writer, name))
    }

    func startElement(prefix: String, _ name: String) {
        check(cxml_start_element_ns(writer, prefix, name, nil))
    }

    func endElement() {
        check(cxml_end_element(writer))
    }

    func attribute(_ name: String, _ value: String) {
        check(cxml_write_attribute(writer, name, Self.withoutNUL(value)))
    }

    func text(_ text: String) {
        check(cxml_write_text(writer, Self.withoutNUL(text)))
    }

    /// Writes `<name>text</name>`.
    func element(_ name: String, _ text: String) {
        check(cxml_write_element(writer, name, Self.withoutNUL(text)))
    }

    /// Writes already well-formed markup, such as a newline between records.
    func raw(_ markup: String) {
        check(cxml_write_raw(writer, markup))
    }

    /// Flushes libxml2's buffer and appends everything written since the writer opened to `file`; called once,
    /// after which the writer is discarded.
    func drain(into file: OutputFile) throws(SinkError) {
        guard !failed, cxml_flush(writer) >= 0 else {
            throw SinkError(.io, path: file.partialPath, message: "libxml2 failed to serialise a record")
        }
        var length = 0
        guard let bytes = cxml_memory_bytes(writer, &length), length > 0 else { return }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: length)
        try file.write { $0.append(contentsOf: buffer) }
    }

    /// `text` without U+0000, which XML forbids and C strings cannot carry; almost no text has one, so the
    /// common case returns the string itself.
    static func withoutNUL(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" }))
    }

    private func check(_ result: Int32) {
        if result < 0 { failed = true }
    }
}
