/// An error answered in Graph's envelope:
/// `{"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}`.
/// As on Graph, `error_subcode` is left out when there is none, and so are `error_data`, `error_user_title`
/// and `error_user_msg`.
struct GraphAPIError: Error, Sendable {
    var httpStatus: Int
    var code: Int
    var subcode: Int?
    var message: String
    var type: String = "OAuthException"
    var isTransient: Bool = false
    /// `error_data`, as raw JSON.
    var errorData: String? = nil
    var userTitle: String? = nil
    var userMessage: String? = nil

    func body(traceID: String) -> [UInt8] {
        var buffer = JSONBuffer(capacity: 256)
        buffer.raw("{\"error\":{")
        buffer.key("message")
        buffer.string(message)
        buffer.raw(",")
        buffer.key("type")
        buffer.string(type)
        buffer.raw(",\"code\":\(code)")
        if let errorData {
            buffer.raw(",\"error_data\":" + errorData)
        }
        if let subcode {
            buffer.raw(",\"error_subcode\":\(subcode)")
        }
        buffer.raw(",\"is_transient\":\(isTransient)")
        if let userTitle {
            buffer.raw(",")
            buffer.key("error_user_title")
            buffer.string(userTitle)
        }
        if let userMessage {
            buffer.raw(",")
            buffer.key("error_user_msg")
            buffer.string(userMessage)
        }
        buffer.raw(",")
        buffer.key("fbtrace_id")
        buffer.string(traceID)
        buffer.raw("}}")
        return buffer.bytes
    }

    static let invalidToken = GraphAPIError(
        httpStatus: 400,
        code: 190,
        subcode: 467,
        message: "Invalid OAuth access token - Cannot parse access token"
    )

    static let expiredToken = GraphAPIError(
        httpStatus: 400,
        code: 190,
        subcode: 463,
        message: "Error validating access token: Session has expired on Tuesday, 01-Sep-26 05:00:00 PDT. "
            + "The current time is Tuesday, 01-Sep-26 05:00:01 PDT."
    )

    static let missingToken = GraphAPIError(
        httpStatus: 400,
        code: 104,
        message: "An access token is required to request this resource."
    )

    static let missingTokenForMe = GraphAPIError(
        httpStatus: 400,
        code: 2500,
        message: "An active access token must be used to query information about the current user."
    )

    static let serviceUnavailable = GraphAPIError(
        httpStatus: 500,
        code: 2,
        message: "An unexpected error has occurred. Please retry your request later.",
        isTransient: true
    )

    static let unknownError = GraphAPIError(
        httpStatus: 500,
        code: 1,
        message: "An unknown error has occurred.",
        isTransient: false
    )

    /// Code 1, as Graph answers a `limit` above an edge's maximum.
    static let reduceData = GraphAPIError(
        httpStatus: 500,
        code: 1,
        message: "Please reduce the amount of data you're asking for, then retry your request",
        isTransient: false
    )

    static let appThrottled = GraphAPIError(
        httpStatus: 400,
        code: 4,
        message: "(#4) Application request limit reached",
        isTransient: true
    )

    static let instagramThrottled = GraphAPIError(
        httpStatus: 400,
        code: 80_002,
        message: "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. "
            + "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
        isTransient: true
    )

    static let notEnoughViewers = GraphAPIError(
        httpStatus: 400,
        code: 10,
        message: "(#10) Not enough viewers for the media to show insights"
    )

    /// 100/2108006, word for word as connectors logged it (reference §11: airbyte#1814, keboola
    /// ex-facebook-graph-api#35): the title and text are in the user fields, the message is generic.
    static let postedBeforeConversion = GraphAPIError(
        httpStatus: 400,
        code: 100,
        subcode: 2_108_006,
        message: "Invalid parameter",
        errorData: "{\"blame_field_specs\":[[\"\"]]}",
        userTitle: "Media Posted Before Business Account Conversion",
        userMessage: "The media was posted before the most recent time that the user's account was converted to a "
            + "business account from a personal account."
    )

    static func unknownObject(_ id: String, method: String = "get") -> GraphAPIError {
        GraphAPIError(
            httpStatus: 400,
            code: 100,
            subcode: 33,
            message: "Unsupported \(method) request. Object with ID '\(id)' does not exist, cannot be loaded due to "
                + "missing permissions, or does not support this operation. Please read the Graph API documentation "
                + "at https://developers.facebook.com/docs/graph-api",
            type: "GraphMethodException"
        )
    }

    static func nonexistingField(_ name: String, node: String) -> GraphAPIError {
        invalidParameter("(#100) Tried accessing nonexisting field (\(name)) on node type (\(node))")
    }

    static func unknownPath(_ path: String) -> GraphAPIError {
        GraphAPIError(httpStatus: 400, code: 2500, message: "Unknown path components: \(path)")
    }

    static func syntax(_ detail: String, at position: Int, in text: String) -> GraphAPIError {
        GraphAPIError(
            httpStatus: 400,
            code: 2500,
            message: "Syntax error \"\(detail)\" at character \(position): \(text)"
        )
    }

    static func invalidParameter(_ message: String) -> GraphAPIError {
        GraphAPIError(httpStatus: 400, code: 100, message: message)
    }

    static func deprecatedVersion(_ version: String) -> GraphAPIError {
        GraphAPIError(
            httpStatus: 400,
            code: 2635,
            message: "(#2635) You are calling a deprecated version of the Graph API (\(version)). "
                + "Please update to the latest version: v25.0."
        )
    }
}
