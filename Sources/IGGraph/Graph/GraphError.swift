import IGCore

/// A request the Graph API refused or that could not be completed, classified by what to do about it.
///
/// Classification goes by the envelope's `code` and `error_subcode`, not by HTTP status, because the API sends
/// the same status (400, sometimes 500) with very different codes. Requests that never got an envelope
/// (network failures, 5xx pages, truncated bodies) carry `code` 0 and the category set by the client. The
/// message never contains the access token.
public struct GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the caller should do about an error.
    public enum Category: String, Sendable, Equatable {
        /// Worth retrying with backoff: codes 1 and 2, 5xx without envelope, network errors, a truncated or
        /// invalid body. Still failing after every attempt, the run exits 69.
        case transient
        /// Code 1 "Please reduce the amount of data you're asking for": halve the page size and retry.
        case reduceData
        /// Rate limited (4, 17, 32, 341, 613, 80000-80004): wait as the usage headers say; exit 75 when the
        /// wait is too long.
        case throttled
        /// The token is expired, revoked, invalid or missing (190, 102, 104): stop at once, exit 77.
        case auth
        /// The token lacks a permission (10, 200-299): exit 77.
        case permission
        /// The paging cursor was refused (code 100 about a cursor): resume by time window instead.
        case cursor
        /// The API answered, but the answer cannot be used: the wrong shape (`data` an object or null, a profile
        /// that is an array, `next` without a cursor), an id that cannot go into a request path, a body over
        /// `http.max_body`. Exit 65. An oversized body is retried first (`isTransient` is set on it).
        case badData
        /// Anything else: fatal.
        case other
    }

    /// The Graph error code, or 0 when the response had no error envelope.
    public var code: Int
    /// The `error_subcode`, when the API sent one.
    public var subcode: Int?
    /// The API's message (or the client's, for failures without an envelope).
    public var message: String
    /// The envelope's `type`, such as `OAuthException`.
    public var type: String?
    /// The envelope's `is_transient` flag.
    public var isTransient: Bool
    /// The support id of the failed request (`fbtrace_id`); Meta keeps it only briefly.
    public var fbtraceID: String?
    /// The HTTP status, or `nil` when no response arrived.
    public var httpStatus: Int?
    /// What to do about the error.
    public var category: Category
    /// For throttling: how long until the API accepts calls again, when known.
    public var retryAfter: Duration?
    /// The request, redacted (path and parameters without the token), when known.
    public var request: String?
    /// The attempts made before giving up.
    public var attempts = 1

    /// An error from the API's envelope, classified by its code.
    public init(
        code: Int,
        subcode: Int? = nil,
        message: String,
        type: String? = nil,
        isTransient: Bool = false,
        fbtraceID: String? = nil,
        httpStatus: Int? = nil
    ) {
        self.code = code
        self.subcode = subcode
        self.message = message
        self.type = type
        self.isTransient = isTransient
        self.fbtraceID = fbtraceID
        self.httpStatus = httpStatus
        self.category = Self.classify(code: code, message: message, isTransient: isTransient)
    }

    /// An error without an envelope (a network failure, an HTTP error page, a body that is not JSON).
    public init(category: Category, message: String, httpStatus: Int? = nil) {
        self.code = 0
        self.message = message
        self.isTransient = category == .transient
        self.httpStatus = httpStatus
        self.category = category
    }

    /// The category of an envelope error, by code (and, for codes 1 and 100, by message).
    public static func classify(code: Int, message: String, isTransient: Bool) -> Category {
        let text = message.lowercased()
        switch code {
        case 190, 102, 104:
            return .auth
        case 4, 17, 32, 341, 613, 80000...80004:
            return .throttled
        case 10, 200...299:
            return .permission
        case 1 where text.contains("reduce the amount of data"):
            return .reduceData
        case 1, 2, -1, -2:
            return .transient
        case 100 where text.contains("cursor"):
            return .cursor
        default:
            return isTransient ? .transient : .other
        }
    }

    public var description: String {
        var text = "\(summary) (\(codeText)): \(advice)"
        if code != 0, !message.isEmpty {
            text += ". The API said: \(message)"
        }
        if let request {
            text += " [GET \(request)"
            if let httpStatus { text += ", HTTP \(httpStatus)" }
            if attempts > 1 { text += ", \(attempts) attempts" }
            text += "]"
        }
        if let fbtraceID {
            text += " [fbtrace_id \(fbtraceID)]"
        }
        return text
    }

    private var codeText: String {
        guard code != 0 else { return httpStatus.map { "HTTP \($0)" } ?? "no response" }
        return subcode.map { "code \(code)/\($0)" } ?? "code \(code)"
    }

    private var summary: String {
        switch category {
        case .transient: code == 0 ? message : "temporary API failure"
        case .reduceData: "the API asks for less data per request"
        case .throttled: "rate limited by the API"
        case .auth: authProblem
        case .permission: "permission denied"
        case .cursor: "the paging cursor was refused"
        case .badData: code == 0 ? message : "the API sent data that cannot be used"
        case .other: code == 0 ? message : "the API refused the request"
        }
    }

    private var advice: String {
        switch category {
        case .transient:
            return "the API or the network failed temporarily; try again later"
        case .reduceData:
            return "lower `page_size` or request fewer fields"
        case .throttled:
            guard let retryAfter else { return "wait a while and run again; the run resumes where it stopped" }
            let minutes = Int((retryAfter.seconds / 60).rounded(.up))
            return "the API accepts calls again in about \(minutes) minute\(minutes == 1 ? "" : "s"); "
                + "run again after that and it resumes where it stopped"
        case .auth:
            if subcode == 463 || (subcode == nil && message.lowercased().contains("expired")) {
                return "refresh it with `igexport token refresh PIPELINE` or generate a new one"
            }
            return "generate a new token (log in again through the app) and update the pipeline's `source.token`"
        case .permission:
            return "the token lacks a permission this stream needs (instagram_business_basic, "
                + "instagram_business_manage_insights or instagram_business_manage_comments): grant it and "
                + "generate a new token, or switch the stream off in `extract:`"
        case .cursor:
            return "the cursor expired or is out of range; the stream resumes by time window"
        case .badData:
            return "the API's answer makes no sense here, so nothing was written from it; if it persists, report "
                + "the request below"
        case .other:
            return code == 0 ? "check the `source.api` URL and the network" : "check the request's fields and ids"
        }
    }

    /// The meaning of an auth subcode (Graph API "Handling Errors").
    private var authProblem: String {
        switch subcode {
        case 458: "the app is not authorised by this user (app not installed)"
        case 459: "the user's account is checkpointed: log in at instagram.com to clear it first"
        case 460: "the token was invalidated because the password changed"
        case 463: "token expired"
        case 464: "the user is not confirmed"
        case 467: "invalid access token"
        case 492: "invalid session"
        case _ where code == 104: "no access token was sent"
        default: message.lowercased().contains("expired") ? "token expired" : "the token was refused"
        }
    }
}
