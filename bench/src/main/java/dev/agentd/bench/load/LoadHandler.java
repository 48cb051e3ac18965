package dev.agentd.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import io.netty.util.concurrent.Promise;
import org.HdrHistogram.Histogram;

/**
 * Keeps {@code depth} requests in flight on one connection until the measurement window closes,
 * matching every response to its request by id. All state is confined to the channel's event
 * loop. A response with an unknown id, an error response, or a request still unanswered when the
 * connection closes or the run gives up waiting is an error.
 */
final class LoadHandler extends SimpleChannelInboundHandler<TextWebSocketFrame>
        implements Measured<ConnectionResult> {
    private static final int SIGNIFICANT_DIGITS = 3;
    /** Ids below this one belong to the session setup, so a late setup reply cannot match a request. */
    private static final long FIRST_ID = 100;

    private final RequestTemplate template;
    private final int depth;
    private final LongObjectMap<Long> sentAtById = new LongObjectHashMap<>();
    private final Histogram latencies = new Histogram(SIGNIFICANT_DIGITS);
    private ChannelHandlerContext ctx;
    private Promise<ConnectionResult> result;
    private MeasurementWindow window;
    private long nextId = FIRST_ID;
    private long requests;
    private long errors;
    private String firstError;

    LoadHandler(RequestTemplate template, int depth) {
        this.template = template;
        this.depth = depth;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.result = ctx.executor().newPromise();
    }

    @Override
    public Promise<ConnectionResult> result() {
        return result;
    }

    /** Starts the load; must run on the channel's event loop. */
    void begin(MeasurementWindow window) {
        this.window = window;
        for (int i = 0; i < depth; i++) {
            send();
        }
        ctx.flush();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        long now = System.nanoTime();
        if (window == null) {
            error("message before the load started: " + frame.text());
            return;
        }
        RpcReply reply = RpcReply.read(frame.content());
        Long sentAt = sentAtById.remove(reply.id());
        if (sentAt == null) {
            error("response with unknown id " + reply.id() + (reply.succeeded() ? "" : ": " + reply.failure()));
            return;
        }
        if (!reply.succeeded()) {
            error(reply.failure());
        } else if (window.measures(now)) {
            latencies.recordValue(now - sentAt);
            requests++;
        }
        if (window.acceptsRequests(now)) {
            send();
        } else if (sentAtById.isEmpty()) {
            finish();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        abandon("connection closed before the end of the run");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error("connection failed: " + cause);
        ctx.close();
    }

    /**
     * Ends this connection's part early: the run lost it (closed) or gave up waiting. That is an
     * error even with nothing in flight, and every request still in flight is one more. Must run
     * on the event loop.
     */
    @Override
    public void abandon(String reason) {
        if (result.isDone()) {
            return;
        }
        int unanswered = sentAtById.size();
        errors(Math.max(1, unanswered), reason + " with " + unanswered + " request(s) unanswered");
        sentAtById.clear();
        finish();
    }

    private void send() {
        long id = nextId++;
        sentAtById.put(id, Long.valueOf(System.nanoTime()));
        ctx.write(template.frame(ctx.alloc(), id), ctx.voidPromise());
    }

    private void error(String description) {
        errors(1, description);
    }

    private void errors(int count, String description) {
        errors += count;
        if (firstError == null) {
            firstError = description;
        }
    }

    private void finish() {
        result.trySuccess(new ConnectionResult(latencies, requests, errors, firstError));
    }
}
