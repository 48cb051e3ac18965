package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.transport.OriginPolicy;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.BooleanSupplier;

/**
 * One request and its answer on a channel: a full JSON response, or a chunked SSE response that
 * stays open (a GET stream, or a POST with a progress token). Every method may be called from any
 * thread; the writes run on the channel's event loop. When the answer is complete the connection
 * either waits for the next request (HTTP/1.1 keep-alive, which SDK clients rely on) or closes:
 * after {@code Connection: close}, a 413 or 503, or once the daemon is stopping (mcp §14).
 */
final class McpExchange {
    static final String SESSION_HEADER = "Mcp-Session-Id";

    /** What the channel handler learns from an exchange. */
    interface Owner {
        /** The answer is complete; {@code close} when the connection must not carry another request. */
        void finished(McpExchange exchange, boolean close);
    }

    /** Told about the channel while a stream answer is open. */
    interface ChannelListener {
        void closed();

        void writable();
    }

    private final ChannelHandlerContext ctx;
    private final String origin;
    private final boolean keepAlive;
    private final Owner owner;
    private final BooleanSupplier stopping;
    private volatile boolean closeAfter;
    // confined to the event loop
    private boolean answered;
    private boolean finished;
    private ChannelListener listener;

    McpExchange(ChannelHandlerContext ctx, HttpRequest request, Owner owner, BooleanSupplier stopping) {
        this.ctx = ctx;
        // only an allowed Origin is echoed; a refused one never reaches an answer that would carry it
        this.origin = OriginPolicy.allows(request.headers().getAll(HttpHeaderNames.ORIGIN))
                ? request.headers().get(HttpHeaderNames.ORIGIN) : null;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.owner = owner;
        this.stopping = stopping;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    /** The connection closes once this answer is out (shutdown, §14 step 3). */
    void closeAfterResponse() {
        closeAfter = true;
    }

    void fail(McpHttpError error) {
        if (error.closeConnection()) {
            closeAfterResponse();
        }
        onLoop(() -> {
            FullHttpResponse response = full(error.status(), error.body());
            error.headers().forEach((name, value) -> response.headers().set(name, value));
            send(response);
        });
    }

    /** 200 {@code application/json}; {@code sessionId} may be null (e.g. a failed {@code initialize}). */
    void json(JsonNode body, String sessionId) {
        onLoop(() -> send(withSession(full(HttpResponseStatus.OK, McpJson.bytes(body)), sessionId)));
    }

    /** 202 for notifications and responses, 204 for DELETE and a preflight. */
    void empty(HttpResponseStatus status, String sessionId) {
        onLoop(() -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
            if (status.code() != HttpResponseStatus.NO_CONTENT.code()) {
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            }
            send(withSession(response, sessionId));
        });
    }

    /** The CORS preflight of mcp §6: 204, no auth needed. */
    void preflight() {
        onLoop(() -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                    Unpooled.EMPTY_BUFFER);
            response.headers()
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, DELETE")
                    .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600")
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "authorization, content-type, accept, "
                            + "mcp-session-id, mcp-protocol-version, last-event-id, x-agentd-namespace, x-agentd-agent");
            send(response);
        });
    }

    // ---- streamed answers ------------------------------------------------------------------------

    /** Starts a chunked SSE answer; call on the event loop. */
    void openStream(String sessionId, ChannelListener channelListener) {
        answered = true;
        listener = channelListener;
        HttpResponse head = SseFrames.head(sessionId);
        decorate(head.headers());
        ctx.writeAndFlush(head).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** One SSE frame of an open stream answer; call on the event loop. */
    void writeFrame(io.netty.buffer.ByteBuf frame) {
        if (finished) {
            frame.release();
            return;
        }
        ctx.writeAndFlush(new DefaultHttpContent(frame)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** The terminating chunk of an open stream answer; call on the event loop. */
    void endStream() {
        if (finished) {
            return;
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(future -> complete());
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    // ---- channel events, from the handler ------------------------------------------------------

    void channelClosed() {
        finished = true;
        if (listener != null) {
            listener.closed();
        }
    }

    void channelWritable() {
        if (listener != null) {
            listener.writable();
        }
    }

    /**
     * Always queues {@code task} on the event loop, even from it: writes that must keep the order
     * in which they were submitted (progress, then the response) never overtake a queued one.
     */
    void queue(Runnable task) {
        ctx.executor().execute(task);
    }

    void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    // ---- internals --------------------------------------------------------------------------------

    private FullHttpResponse full(HttpResponseStatus status, byte[] json) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(json));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ContentNegotiation.JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        return response;
    }

    private static FullHttpResponse withSession(FullHttpResponse response, String sessionId) {
        if (sessionId != null) {
            response.headers().set(SESSION_HEADER, sessionId);
        }
        return response;
    }

    private void send(FullHttpResponse response) {
        if (answered || finished) {
            return;
        }
        answered = true;
        decorate(response.headers());
        if (closing()) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        ctx.writeAndFlush(response).addListener(future -> complete());
    }

    /** CORS (mcp §6): only a request with an allowed Origin reaches an answer that carries it. */
    private void decorate(HttpHeaders headers) {
        if (origin != null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN)
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, SESSION_HEADER);
        }
    }

    private boolean closing() {
        return closeAfter || !keepAlive || stopping.getAsBoolean();
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        boolean close = closing();
        if (close) {
            ctx.close();
        }
        owner.finished(this, close);
    }
}
