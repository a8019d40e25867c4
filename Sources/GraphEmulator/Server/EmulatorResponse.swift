/// An answer ready to send, with how to send it.
struct EmulatorResponse: Sendable {
    enum Transport: Sendable {
        /// The whole answer, the connection kept alive.
        case complete
        /// `reset`: the head (with the full Content-Length) and half the body, then the connection closes.
        case reset
        /// `truncate`: status 200 and the first half of the body, with a Content-Length that matches the cut.
        case truncate
    }

    var status: Int
    var body: [UInt8]
    var headers: [(String, String)]
    var transport: Transport
    var delay: Duration
}
