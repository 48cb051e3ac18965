package dev.agentd.daemon.transport;

import dev.agentd.daemon.mcp.McpEndpoint;
import dev.agentd.daemon.rpc.DispatchSettings;
import dev.agentd.daemon.session.SessionRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;

/**
 * Assembles the pipeline of every accepted connection, in order:
 * HTTP codec → head timeout → MCP aggregator → MCP handler → aggregator → router → WebSocket
 * protocol → message assembler → JSON-RPC. The two MCP handlers take only {@code /mcp} requests
 * and leave at the first request for another path (see {@link McpEndpoint}); the HTTP-only
 * handlers leave the pipeline once the upgrade is done.
 */
public final class DaemonChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** core §1: request head limit and the time allowed to send it. */
    static final int MAX_REQUEST_HEAD_BYTES = 16 * 1024;
    static final Duration REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** Bodies of the plain-HTTP routes are small; /mcp has its own aggregator and limit. */
    static final int MAX_HTTP_BODY_BYTES = 64 * 1024;

    private final TransportSettings transport;
    private final SessionRegistry sessions;
    private final DispatchSettings dispatch;
    private final HealthEndpoint health;
    private final McpEndpoint mcp;

    /** @param mcp the {@code /mcp} endpoint; null leaves {@code /mcp} to the router (404) */
    public DaemonChannelInitializer(TransportSettings transport, SessionRegistry sessions, DispatchSettings dispatch,
            HealthEndpoint health, McpEndpoint mcp) {
        this.transport = transport;
        this.sessions = sessions;
        this.dispatch = dispatch;
        this.health = health;
        this.mcp = mcp;
    }

    /** A pipeline without the MCP endpoint. */
    public DaemonChannelInitializer(
            TransportSettings transport, SessionRegistry sessions, DispatchSettings dispatch, HealthEndpoint health) {
        this(transport, sessions, dispatch, health, null);
    }

    /** @param maxMessageBytes the WebSocket message limit; one frame may be up to 4× it */
    public record TransportSettings(int maxMessageBytes, boolean authEnabled) {
        int maxFrameBytes() {
            return maxMessageBytes * 4;
        }
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        assemble(channel.pipeline());
    }

    /** Adds every handler in order; package-private so tests can assemble an embedded pipeline. */
    void assemble(ChannelPipeline pipeline) {
        pipeline
                .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_REQUEST_HEAD_BYTES)
                        .setMaxHeaderSize(MAX_REQUEST_HEAD_BYTES)))
                // after the codec: it must see the decoded HttpRequest to stand down
                .addLast("head-timeout", new RequestHeadTimeout(REQUEST_HEAD_TIMEOUT));
        if (mcp != null) {
            mcp.addHandlers(pipeline);
        }
        pipeline
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_BODY_BYTES))
                .addLast("router", new HttpRouter(health))
                .addLast("websocket", new WebSocketServerProtocolHandler(webSocketConfig()))
                .addLast("assembler", new MessageAssembler(transport.maxMessageBytes()))
                .addLast("rpc", new WebSocketRpcHandler(sessions, dispatch, transport.authEnabled()));
    }

    private WebSocketServerProtocolConfig webSocketConfig() {
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(transport.maxFrameBytes())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true) // the router already matched the path; this also admits a query string
                .subprotocols(null)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(REQUEST_HEAD_TIMEOUT.toMillis())
                .decoderConfig(decoder)
                .build();
    }
}
