import NIOCore
import NIOHTTP1

/// Reads HTTP/1.1 requests off one connection and writes the engine's answers, applying the transport faults
/// (`reset`, `truncate`) and delays. Requests on a connection are answered in order: NIO's pipelining handler
/// holds the next request back until this one's answer is complete.
final class EmulatorHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let engine: EmulatorEngine
    private let host: String
    private var head: HTTPRequestHead?
    private var baseURL = ""

    init(engine: EmulatorEngine, host: String) {
        self.engine = engine
        self.host = host
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let port = context.localAddress?.port ?? 0
        baseURL = "http://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            let response = engine.respond(
                method: head.method.rawValue,
                uri: head.uri,
                authorization: head.headers.first(name: "Authorization"),
                baseURL: baseURL
            )
            let keepAlive = head.isKeepAlive
            let version = head.version
            if response.delay > .zero {
                context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(response.delay.nanoseconds)) {
                    self.write(response, version: version, keepAlive: keepAlive, context: context)
                }
            } else {
                write(response, version: version, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(
        _ response: EmulatorResponse,
        version: HTTPVersion,
        keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders(response.headers)
        let cut = response.body.count > 1 ? response.body.count / 2 : response.body.count
        let sent = response.transport == .complete ? response.body : Array(response.body.prefix(cut))
        headers.add(
            name: "Content-Length",
            value: String(response.transport == .reset ? response.body.count : sent.count)
        )
        let closing = !keepAlive || response.transport == .reset
        headers.add(name: "Connection", value: closing ? "close" : "keep-alive")
        let head = HTTPResponseHead(version: version, status: .init(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: sent.count)
        buffer.writeBytes(sent)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if response.transport == .reset {
            context.flush()
            context.close(promise: nil)
            return
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closing {
            written.assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }
}
