package dev.agentd.bench.mcp;

import dev.agentd.bench.load.Measured;
import dev.agentd.bench.load.MeasurementWindow;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import org.HdrHistogram.Histogram;

/**
 * One MCP session on one keep-alive HTTP/1.1 connection: {@code initialize}, then
 * {@code notifications/initialized} (its completion is {@link #ready()}), then, from
 * {@link #begin}, a closed loop of {@code tools/call memory_query} — one call in flight, the next
 * sent when the previous answer has been read and checked — until the window closes; {@link #end}
 * deletes the session. Every answer is checked ({@link McpReply}, {@link ToolCallCheck}); a failed
 * check is an error, and so is the connection closing before the run ends. All state is confined
 * to the channel's event loop.
 */
final class McpSessionHandler extends SimpleChannelInboundHandler<FullHttpResponse>
        implements Measured<McpConnectionResult> {
    private static final int SIGNIFICANT_DIGITS = 3;

    private enum Phase { INITIALIZE, INITIALIZED, READY, LOAD, FINISHED, DELETE }

    private final McpRequests messages;
    private final Histogram latencies = new Histogram(SIGNIFICANT_DIGITS);
    private final Promise<Void> ready = ImmediateEventExecutor.INSTANCE.newPromise();
    private final Promise<McpConnectionResult> result = ImmediateEventExecutor.INSTANCE.newPromise();
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.INITIALIZE;
    private String sessionId;
    private String version;
    private MeasurementWindow window;
    private int queryIndex;
    private long callId = McpRequests.FIRST_CALL_ID;
    private long sentAt;
    private long requests;
    private long results;
    private long responseBytes;
    private long errors;
    private String firstError;

    /** {@code firstQuery}: where in the query list this session starts, so sessions ask different things. */
    McpSessionHandler(McpRequests messages, int firstQuery) {
        this.messages = messages;
        this.queryIndex = firstQuery;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Succeeds once the session is initialized, fails with the reason it could not be. */
    Promise<Void> ready() {
        return ready;
    }

    /** Completes when the last call after the window has been answered, or the run gave up on it. */
    @Override
    public Promise<McpConnectionResult> result() {
        return result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(messages.initialize(), ctx.voidPromise());
        super.channelActive(ctx);
    }

    /** Starts the closed loop; must run on the channel's event loop. */
    void begin(MeasurementWindow window) {
        this.window = window;
        phase = Phase.LOAD;
        sendCall();
    }

    /** Deletes the session (mcp §10), then closes the connection; must run on the event loop. */
    ChannelFuture end() {
        if (sessionId != null && ctx.channel().isActive()) {
            phase = Phase.DELETE;
            ctx.writeAndFlush(messages.delete(sessionId, version), ctx.voidPromise());
        } else {
            ctx.close();
        }
        return ctx.channel().closeFuture();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        long now = System.nanoTime();
        switch (phase) {
            case INITIALIZE -> onInitializeAnswer(response);
            case INITIALIZED -> onInitializedAnswer(response);
            case LOAD -> onToolCallAnswer(response, now);
            case DELETE -> ctx.close();
            default -> error("unexpected answer while " + phase + ": HTTP " + response.status());
        }
    }

    private void onInitializeAnswer(FullHttpResponse response) {
        McpReply reply = McpReply.read(response, McpRequests.INITIALIZE_ID);
        sessionId = response.headers().get(McpRequests.SESSION_ID);
        if (!reply.succeeded()) {
            failSetup("initialize: " + reply.failure());
        } else if (sessionId == null) {
            failSetup("initialize: no Mcp-Session-Id header");
        } else {
            version = reply.result().path("protocolVersion").asText(McpRequests.LATEST_VERSION);
            phase = Phase.INITIALIZED;
            ctx.writeAndFlush(messages.initialized(sessionId, version), ctx.voidPromise());
        }
    }

    private void onInitializedAnswer(FullHttpResponse response) {
        McpReply reply = McpReply.readStatus(response, HttpResponseStatus.ACCEPTED);
        if (!reply.succeeded()) {
            failSetup("notifications/initialized: " + reply.failure());
            return;
        }
        phase = Phase.READY;
        ready.trySuccess(null);
    }

    private void onToolCallAnswer(FullHttpResponse response, long now) {
        ToolCallCheck check = ToolCallCheck.of(McpReply.read(response, callId));
        if (!check.succeeded()) {
            error("tools/call: " + check.failure());
        } else if (window.measures(now)) {
            latencies.recordValue(now - sentAt);
            requests++;
            results += check.results();
            responseBytes += response.content().readableBytes();
        }
        if (window.acceptsRequests(now)) {
            callId++;
            queryIndex++;
            sendCall();
        } else {
            phase = Phase.FINISHED;
            finish();
        }
    }

    private void sendCall() {
        sentAt = System.nanoTime();
        ctx.writeAndFlush(messages.toolCall(ctx.alloc(), sessionId, version, callId, queryIndex), ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        switch (phase) {
            case INITIALIZE, INITIALIZED -> failSetup("connection closed during " + phase.name().toLowerCase());
            case LOAD -> abandon("connection closed before the end of the run");
            default -> { }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error("connection failed: " + cause);
        ctx.close();
    }

    /** Ends this session's part early, counting the call in flight as an error; on the event loop. */
    @Override
    public void abandon(String reason) {
        if (result.isDone()) {
            return;
        }
        error(reason + " with a call unanswered");
        phase = Phase.FINISHED;
        finish();
    }

    private void failSetup(String reason) {
        ready.tryFailure(new IllegalStateException(reason));
        ctx.close();
    }

    private void error(String description) {
        errors++;
        if (firstError == null) {
            firstError = description;
        }
    }

    private void finish() {
        result.trySuccess(new McpConnectionResult(latencies, requests, results, responseBytes, errors, firstError));
    }
}
