package dev.agentd.bench.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP answer of an MCP server, checked: either the JSON-RPC {@code result} object of the
 * request it answers, or the reason it is not one (a status other than the expected one, a body
 * that is not {@code application/json}, another id, a JSON-RPC error).
 */
record McpReply(JsonNode result, String failure) {
    private static final int QUOTED_BODY_CHARS = 300;

    boolean succeeded() {
        return failure == null;
    }

    /** A 200 {@code application/json} JSON-RPC response to request {@code id}. */
    static McpReply read(FullHttpResponse response, long id) {
        if (!response.status().equals(HttpResponseStatus.OK)) {
            return failed("HTTP " + response.status() + ": " + quote(response));
        }
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return failed("content type '" + contentType + "': " + quote(response));
        }
        JsonNode message;
        try {
            message = Json.mapper().readTree(new ByteBufInputStream(response.content().duplicate()));
        } catch (IOException e) {
            return failed("not JSON: " + e.getMessage());
        }
        if (message == null || !message.path("id").canConvertToLong() || message.path("id").asLong() != id) {
            return failed("not the response to id " + id + ": " + quote(response));
        }
        if (!message.path("result").isObject()) {
            return failed("no result: " + quote(response));
        }
        return new McpReply(message.get("result"), null);
    }

    /** An answer with no body of interest: 202 for a notification, 200 or 204 for DELETE. */
    static McpReply readStatus(FullHttpResponse response, HttpResponseStatus... expected) {
        for (HttpResponseStatus status : expected) {
            if (response.status().code() == status.code()) {
                return new McpReply(null, null);
            }
        }
        return failed("HTTP " + response.status() + ": " + quote(response));
    }

    private static McpReply failed(String failure) {
        return new McpReply(null, failure);
    }

    private static String quote(FullHttpResponse response) {
        String body = response.content().toString(StandardCharsets.UTF_8);
        return body.length() <= QUOTED_BODY_CHARS ? body : body.substring(0, QUOTED_BODY_CHARS) + "…";
    }
}
