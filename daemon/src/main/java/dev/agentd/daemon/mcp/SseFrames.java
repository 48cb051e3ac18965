package dev.agentd.daemon.mcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The SSE wire format of mcp §8.10: an {@code id:} line only when the event has an id, exactly one
 * {@code data:} line (the JSON is compact, so it holds no newline), a blank line; never an
 * {@code event:} line, so SDK clients treat every event as a {@code message}.
 */
final class SseFrames {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {}

    /** The response head of a GET stream or a POST answered by SSE. */
    static HttpResponse head(String sessionId) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ContentNegotiation.EVENT_STREAM)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-transform")
                .set(HttpHeaderNames.CONNECTION, "keep-alive")
                .set("X-Accel-Buffering", "no");
        if (sessionId != null) {
            response.headers().set(McpExchange.SESSION_HEADER, sessionId);
        }
        HttpUtil.setTransferEncodingChunked(response, true);
        return response;
    }

    static ByteBuf event(long id, byte[] json) {
        byte[] idLine = id > 0 ? ("id: " + id + "\n").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        return Unpooled.wrappedBuffer(idLine, DATA, json, END);
    }

    static ByteBuf primer(long id) {
        return Unpooled.copiedBuffer("id: " + id + "\nretry: 2000\ndata:\n\n", StandardCharsets.US_ASCII);
    }

    static ByteBuf comment(String text) {
        return Unpooled.copiedBuffer(": " + text + "\n\n", StandardCharsets.US_ASCII);
    }
}
