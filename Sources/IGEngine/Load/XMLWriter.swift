/// Writes XML markup into a reusable byte buffer, byte for byte as libxml2's text writer (through the
/// `CXMLWriter` shim) did, without a C string or an allocation per call.
///
/// The XML and RSS sinks write a page's records and drain the bytes into their `OutputFile`, so every
/// committed offset is a real byte count and a resumed run needs no writer state: the prologue and the
/// closing tags are written as bytes by the sink. Text and attribute values lose the characters XML 1.0
/// forbids (C0 controls other than tab, newline and carriage return, U+FFFE and U+FFFF), so any string yields
/// a well-formed document. Escaping follows libxml2: text escapes `<`, `>`, `&`, `"` and carriage return;
/// attribute values also escape tab and newline, and, in a fragment written without `startDocument()` (which
/// declares UTF-8), every non-ASCII character as a hexadecimal reference. `XMLWriterTests` holds the two to
/// the same bytes.
struct XMLWriter {
    /// The markup written since the last drain.
    private(set) var bytes: [UInt8] = []
    /// The names of the open elements, innermost last.
    private var open: [String] = []
    /// Whether the innermost element's start tag still waits for its `>`.
    private var inStartTag = false
    /// Whether `startDocument()` declared the encoding, so attribute values keep non-ASCII characters.
    private var declaresEncoding = false

    /// Writes the `<?xml version="1.0" encoding="UTF-8"?>` declaration.
    mutating func startDocument() {
        declaresEncoding = true
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    mutating func startElement(_ name: String) {
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        append(name)
        open.append(name)
        inStartTag = true
    }

    mutating func startElement(prefix: String, _ name: String) {
        startElement(prefix + ":" + name)
    }

    /// Writes the end tag in full (`<x></x>`, never `<x/>`): readers treat both the same, and diffs read better.
    mutating func endElement() {
        guard let name = open.popLast() else { return }
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        append(name)
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func attribute(_ name: String, _ value: String) {
        guard inStartTag else { return }
        bytes.append(UInt8(ascii: " "))
        append(name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func text(_ text: String) {
        closeStartTag()
        appendEscaped(text, inAttribute: false)
    }

    /// Writes `<name>text</name>`.
    mutating func element(_ name: String, _ text: String) {
        startElement(name)
        self.text(text)
        endElement()
    }

    /// Writes already well-formed markup, such as a newline between records.
    mutating func raw(_ markup: String) {
        closeStartTag()
        append(markup)
    }

    /// Appends everything written since the last drain to `file` and empties the buffer, keeping its capacity
    /// for the next page.
    mutating func drain(into file: OutputFile) throws(SinkError) {
        guard !bytes.isEmpty else { return }
        try file.write { [bytes] buffer in buffer.append(contentsOf: bytes) }
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func closeStartTag() {
        guard inStartTag else { return }
        bytes.append(UInt8(ascii: ">"))
        inStartTag = false
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` escaped, copying runs of bytes that need nothing at once.
    private mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        var text = text
        let referencesNonASCII = inAttribute && !declaresEncoding
        text.withUTF8 { source in
            var run = 0
            var index = 0
            while index < source.count {
                let byte = source[index]
                if byte >= 0x20, byte < 0x80, byte != 0x3C, byte != 0x3E, byte != 0x26, byte != 0x22 {
                    index += 1
                    continue
                }
                var length = 1
                let replacement: StaticString?
                switch byte {
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x26: replacement = "&amp;"
                case 0x22: replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x09 where inAttribute: replacement = "&#9;"
                case 0x0A where inAttribute: replacement = "&#10;"
                case 0x09, 0x0A:
                    index += 1
                    continue
                case 0x00..<0x20: replacement = ""
                default:
                    length = XMLWriter.sequenceLength(byte)
                    if byte == 0xEF, index + 2 < source.count, source[index + 1] == 0xBF, source[index + 2] >= 0xBE {
                        replacement = ""
                    } else if referencesNonASCII {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<index]))
                        appendReference(source, at: index, length: length)
                        index += length
                        run = index
                        continue
                    } else {
                        index += length
                        continue
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<index]))
                if let replacement, replacement.utf8CodeUnitCount > 0 {
                    bytes.append(
                        contentsOf: UnsafeBufferPointer(
                            start: replacement.utf8Start,
                            count: replacement.utf8CodeUnitCount
                        )
                    )
                }
                index += length
                run = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<source.count]))
        }
    }

    /// Appends the scalar encoded at `source[index...]` as `&#xHEX;` (upper-case digits, as libxml2 writes).
    private mutating func appendReference(_ source: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) {
        var value = UInt32(source[index]) & (0xFF >> (length + 1))
        for offset in 1..<length {
            value = value << 6 | UInt32(source[index + offset] & 0x3F)
        }
        append("&#x" + String(value, radix: 16, uppercase: true) + ";")
    }

    /// The length of the UTF-8 sequence that starts with `lead` (Swift strings hold only valid UTF-8).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
