import IGCore
import IGGraph

/// The `normalize` step: one shape for every record, whatever the API sent.
///
/// - Timestamps (`timestamp`, `*_time`, `*_timestamp`) become RFC 3339 UTC with `Z`; a value that does not
///   parse is left as it is.
/// - Ids (`id`, `ig_id`, `*_id`) become strings: Graph ids exceed 2^53, which loaders would round.
/// - Enums (`media_type`, `media_product_type`, `account_type`) become upper case, as Graph documents them
///   (`Media_Creator` is `MEDIA_CREATOR`).
/// - Counts (`*_count`) become integers; a count that is not a number becomes `null`. A count the stream asks
///   for but the record lacks (a hidden `like_count`) is `null`, never 0.
/// - Every field the stream asked for is there, `null` when the API left it out (`thumbnail_url` on images,
///   `caption` when there is none), next to its neighbours: all records of a stream share one key set.
/// - `children` (`{"data": [...]}` under field expansion) becomes an array of normalised objects, without
///   `null` or non-object elements. A carousel always has `children` (`[]` when the API sent none); other media
///   get none, since Graph sends none for them.
/// - `account_id` and `username` are added to every record that lacks them; `_run_id` and `_extracted_at`
///   only when `runFields` is set.
///
/// Strings need no repair here: a Swift `String` always holds valid Unicode, so invalid UTF-8 and lone
/// surrogates are replaced with U+FFFD where bytes become strings (see `String(repairingUTF8:)`).
extension Record {
    /// The record normalised for `stream` of `account`.
    ///
    /// - Parameters:
    ///   - expectedFields: the fields every record of the stream should carry, in the order they were asked.
    ///   - runFields: the run id and extraction time to add, or `nil`.
    func normalized(
        account: AccountContext,
        expectedFields: [String],
        runFields: (runID: String, extractedAt: String)?
    ) -> Record {
        var result = Record()
        for member in members {
            result.append(member.key, Record.normalize(member.value, key: member.key))
        }
        if result["media_type"] == .string("CAROUSEL_ALBUM") && result["children"] == nil {
            result.append("children", .array([]))
        }
        for (position, key) in expectedFields.enumerated() where result[key] == nil {
            result.insert(key, .null, before: expectedFields[(position + 1)...], after: expectedFields[..<position])
        }
        if result["account_id"] == nil {
            result.append("account_id", .string(account.accountID))
        }
        if result["username"] == nil {
            result.append("username", account.username.map(JSONValue.string) ?? .null)
        }
        if let runFields {
            result["_run_id"] = .string(runFields.runID)
            result["_extracted_at"] = .string(runFields.extractedAt)
        }
        return result
    }

    /// Inserts a member before the first of `following` present, else after the last of `preceding` present,
    /// else at the end: a missing count lands where the API would have put it.
    private mutating func insert(
        _ key: String,
        _ value: JSONValue,
        before following: ArraySlice<String>,
        after preceding: ArraySlice<String>
    ) {
        var position = members.endIndex
        if let index = members.firstIndex(where: { following.contains($0.key) }) {
            position = index
        } else if let index = members.lastIndex(where: { preceding.contains($0.key) }) {
            position = index + 1
        }
        var rebuilt = Record()
        for (index, member) in members.enumerated() {
            if index == position { rebuilt.append(key, value) }
            rebuilt.append(member.key, member.value)
        }
        if position == members.endIndex { rebuilt.append(key, value) }
        self = rebuilt
    }

    private static func normalize(_ value: JSONValue, key: String) -> JSONValue {
        switch KeyKind(key) {
        case .id:
            switch value {
            case .int(let integer): return .string(String(integer))
            case .number(let digits): return .string(digits)
            case .double(let number) where number.rounded() == number && abs(number) < 9.2e18:
                return .string(String(Int64(number)))
            default: return value
            }
        case .timestamp:
            guard case .string(let text) = value, let instant = Timestamp(parsing: text) else { return value }
            let normalized = instant.rfc3339
            return normalized == text ? value : .string(normalized)
        case .enumeration:
            guard case .string(let text) = value, text.utf8.contains(where: { (0x61...0x7A).contains($0) }) else {
                return value
            }
            return .string(text.uppercased())
        case .count:
            switch value {
            case .int, .null, .number: return value
            case .double(let number) where number.rounded() == number && abs(number) < 9.2e18:
                return .int(Int64(number))
            case .string(let text): return Int64(text).map(JSONValue.int) ?? .null
            default: return .null
            }
        case .children:
            let elements: [JSONValue]
            switch value {
            case .object(let page): elements = page["data"]?.arrayValue ?? []
            case .array(let array): elements = array
            default: elements = []
            }
            return .array(elements.compactMap { $0.objectValue.map { .object(normalizeNested($0)) } })
        case .other:
            switch value {
            case .object(let object): return .object(normalizeNested(object))
            case .array(let elements):
                return .array(
                    elements.map { element in element.objectValue.map { .object(normalizeNested($0)) } ?? element }
                )
            default: return value
            }
        }
    }

    private static func normalizeNested(_ object: JSONObject) -> JSONObject {
        var result = JSONObject()
        for member in object.members {
            result.append(member.key, normalize(member.value, key: member.key))
        }
        return result
    }
}

/// What `normalize` does with a field, decided by its name.
private enum KeyKind {
    case id, timestamp, enumeration, count, children, other

    init(_ key: String) {
        switch key {
        case "id", "ig_id": self = .id
        case "timestamp": self = .timestamp
        case "media_type", "media_product_type", "account_type": self = .enumeration
        case "children": self = .children
        default:
            let utf8 = key.utf8
            if utf8.hasSuffix("_id") {
                self = .id
            } else if utf8.hasSuffix("_count") {
                self = .count
            } else if utf8.hasSuffix("_time") || utf8.hasSuffix("_timestamp") {
                self = .timestamp
            } else {
                self = .other
            }
        }
    }
}

extension String.UTF8View {
    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        return suffix.withUTF8Buffer { self.suffix(length).elementsEqual($0) }
    }
}
