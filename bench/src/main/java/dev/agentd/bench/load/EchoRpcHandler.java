package dev.agentd.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Protocol;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcResponse;
import dev.agentd.protocol.core.AuthResult;
import dev.agentd.protocol.core.HandshakeResult;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;

/**
 * The baseline's whole application: parses each text message as a JSON-RPC request with the
 * shared mapper and answers {@code session.auth} and {@code server.handshake} inline on the event
 * loop, with the same result records agentd serializes. It writes per message and flushes once per
 * read burst. It checks no token and keeps no session: it is the floor agentd is compared with.
 */
final class EchoRpcHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    static final String CLIENT_ID = "c-0000000000000000";
    private static final AuthResult AUTHENTICATED = new AuthResult(true, true, CLIENT_ID, null, null, null);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
        JsonNode request;
        try {
            request = JsonFrames.read(frame);
        } catch (IOException e) {
            ctx.write(JsonFrames.write(ctx.alloc(), RpcResponse.failure(null,
                    new RpcError(ErrorCodes.PARSE_ERROR, "parse error: " + e.getMessage()))));
            return;
        }
        if (request.hasNonNull("id")) {
            ctx.write(JsonFrames.write(ctx.alloc(), answer(request)));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static RpcResponse answer(JsonNode request) {
        JsonNode id = request.get("id");
        String method = request.path("method").asText();
        return switch (method) {
            case "session.auth" -> RpcResponse.success(id, AUTHENTICATED);
            case "server.handshake" -> handshake(id, request.path("params").path("protocol_version"));
            default -> RpcResponse.failure(id,
                    new RpcError(ErrorCodes.METHOD_NOT_FOUND, "method not found: " + method));
        };
    }

    private static RpcResponse handshake(JsonNode id, JsonNode version) {
        if (!version.isIntegralNumber() || version.asInt() != Protocol.VERSION) {
            return RpcResponse.failure(id, new RpcError(ErrorCodes.PROTOCOL_MISMATCH,
                    "protocol version mismatch: server speaks 2, client sent "
                            + (version.isMissingNode() ? "none" : version.toString())));
        }
        return RpcResponse.success(id,
                new HandshakeResult(Protocol.VERSION, Protocol.AGENTD_VERSION, version.asInt()));
    }
}
