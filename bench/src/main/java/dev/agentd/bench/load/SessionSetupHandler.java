package dev.agentd.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.RpcRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.List;

/**
 * Runs the {@link SetupStep}s of one connection after the WebSocket upgrade, one at a time with ids
 * 0, 1, ..., checks each reply, then removes itself so later frames reach the next handler. The
 * outcome is reported through {@code ready}: success, or a failure naming the step.
 */
final class SessionSetupHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final List<SetupStep> steps;
    private final Promise<Void> ready;
    private int current = -1;

    SessionSetupHandler(List<SetupStep> steps, Promise<Void> ready) {
        this.steps = steps;
        this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            sendNext(ctx);
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, "WebSocket upgrade timed out");
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
        if (current < 0) {
            fail(ctx, "unexpected message before setup: " + frame.text());
            return;
        }
        SetupStep step = steps.get(current);
        JsonNode reply = JsonFrames.read(frame);
        if (!answersCurrentStep(reply)) {
            fail(ctx, step.method() + ": expected a result with " + step.expectation() + ", got " + reply);
            return;
        }
        sendNext(ctx);
    }

    private boolean answersCurrentStep(JsonNode reply) {
        return reply.path("id").asLong(-1) == current
                && reply.has("result")
                && steps.get(current).accepts().test(reply.get("result"));
    }

    private void sendNext(ChannelHandlerContext ctx) throws IOException {
        current++;
        if (current == steps.size()) {
            ctx.pipeline().remove(this);
            ready.trySuccess(null);
            return;
        }
        SetupStep step = steps.get(current);
        ctx.writeAndFlush(JsonFrames.write(ctx.alloc(), RpcRequest.of(current, step.method(), step.params())));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, "connection closed during setup");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, "setup failed: " + cause);
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (ready.tryFailure(new IllegalStateException(reason))) {
            ctx.close();
        }
    }
}
