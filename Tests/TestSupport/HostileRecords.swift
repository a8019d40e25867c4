import Foundation
import IGCore

/// Records shaped like the emulator's worst: every caption kind, carousels, withheld URLs, hidden counts.
public enum HostileRecords {
    public static let longCaption = String(
        String(repeating: "Long caption with emoji 😀 and words. ", count: 58).prefix(2200)
    )

    /// Every caption kind, keyed by a short name; `nil` is a media without a caption.
    public static let captions: [(name: String, caption: String?)] = [
        ("emoji", "Sunset 🌅 with family 👨‍👩‍👧‍👦 in 🇯🇵 #日本 #café"),
        ("newlines", "First line\nsecond line\r\nthird line\rfourth"),
        ("quotes", "He said \"hello\", then 'bye'"),
        ("commas", "a,b,,c,"),
        ("markup", "<b>bold</b> & <script>alert(1)</script> ]]> <item>"),
        ("rtl", "مرحبا بالعالم — שלום עולם"),
        ("controls", "bell\u{07} start\u{01} back\u{08} end\u{1F}"),
        ("long", longCaption),
        ("empty", ""),
        ("none", nil),
        ("formula", "=HYPERLINK(\"http://evil\")"),
        ("dash", "-5 likes"),
        ("tab", "\tindented"),
        ("tags", "#Travel #travel @friend. and @other_one #café, C# not a tag"),
        ("nonchar", "odd \u{FFFE} char"),
    ]

    /// Media records as Graph sends them, newest first, before any transform.
    public static func media(count: Int = captions.count) -> [Record] {
        (0..<count).map { index in
            let caption = captions[index % captions.count].caption
            var record = Record()
            record.append("id", .string(String(17_900_000_000_000_000 + index)))
            if let caption { record.append("caption", .string(caption)) }
            let kind = index % 3
            record.append("media_type", .string(["IMAGE", "VIDEO", "CAROUSEL_ALBUM"][kind]))
            if kind != 1 || index % 2 == 0 {
                record.append("media_url", .string("https://cdn.example.com/m/\(index).jpg?a=1&b=2"))
            }
            record.append("permalink", .string("https://www.instagram.com/p/C\(index)x/"))
            if kind == 1 { record.append("thumbnail_url", .string("https://cdn.example.com/t/\(index).jpg")) }
            let day = 28 - index % 28
            record.append("timestamp", .string("2025-02-\(day < 10 ? "0" : "")\(day)T12:34:56+0000"))
            record.append("username", "hostile.user")
            if index % 4 != 0 { record.append("like_count", .int(Int64(index * 3))) }
            record.append("comments_count", .int(Int64(index)))
            if kind == 2 {
                let children: [JSONValue] = (0..<(2 + index % 3)).map { child in
                    .object(
                        Record([
                            ("id", .string("18\(index)0\(child)")),
                            ("media_type", .string(child == 1 ? "VIDEO" : "IMAGE")),
                            ("media_url", .string("https://cdn.example.com/c/\(index)-\(child).mp4")),
                            ("thumbnail_url", .string("https://cdn.example.com/c/\(index)-\(child)-t.jpg")),
                        ])
                    )
                }
                record.append("children", ["data": .array(children)])
            }
            return record
        }
    }

    /// The profile record of the hostile account.
    public static let profile = Record([
        ("user_id", .int(17_841_400_000_000_001)),
        ("username", "hostile.user"),
        ("name", "Hostile <User> & \"Co\""),
        ("account_type", "Media_Creator"),
        ("profile_picture_url", "https://cdn.example.com/p.jpg"),
        ("followers_count", .int(12)),
        ("media_count", .int(15)),
    ])
}

/// The bytes of a file, or an empty array when it does not exist.
public func contents(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map(Array.init) ?? []
}

/// The text of a file.
public func text(_ path: String) -> String {
    String(decoding: contents(path), as: UTF8.self)
}

// Records written as literals keep the tests readable; the model only gives `JSONValue` dictionary literals.
extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
