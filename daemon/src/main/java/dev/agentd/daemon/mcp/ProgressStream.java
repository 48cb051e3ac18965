package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.tools.ToolProgress;
import dev.agentd.protocol.Json;

/**
 * A POST answered by SSE because it carried a progress token (mcp §9.2): progress notifications
 * with strictly increasing {@code progress}, then the JSON-RPC response, then the terminating
 * chunk. These events have no id, never enter the ring and ignore the log level. A client that
 * went away does not cancel the request: its writes are dropped and the request completes.
 */
final class ProgressStream implements ToolProgress {
    private final McpExchange exchange;
    private final JsonNode token;
    // confined to the event loop
    private int lastProgress = Integer.MIN_VALUE;
    private boolean done;

    private ProgressStream(McpExchange exchange, JsonNode token) {
        this.exchange = exchange;
        this.token = token;
    }

    /** Sends the response head now, before the request runs. */
    static ProgressStream open(McpExchange exchange, JsonNode token, String sessionId) {
        ProgressStream stream = new ProgressStream(exchange, token);
        exchange.onLoop(() -> exchange.openStream(sessionId, null));
        return stream;
    }

    /** §9.2 trigger: {@code params._meta.progressToken} is a string or an integer. */
    static JsonNode tokenOf(JsonNode params) {
        JsonNode token = params == null ? null : params.path("_meta").get("progressToken");
        return token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null;
    }

    @Override
    public void report(int progress, int total, String message) {
        ObjectNode params = Json.mapper().createObjectNode();
        params.set("progressToken", token);
        params.put("progress", progress).put("total", total).put("message", message);
        byte[] event = McpJson.bytes(McpJson.notification("notifications/progress", params));
        exchange.queue(() -> {
            if (!done && progress > lastProgress) {
                lastProgress = progress;
                exchange.writeFrame(SseFrames.event(0, event));
            }
        });
    }

    /**
     * The response event and the end of the answer. Queued, never run inline: a call that completed
     * before this was attached would otherwise run it on the event loop ahead of progress events
     * the worker had already queued.
     */
    void finish(ObjectNode response) {
        byte[] event = McpJson.bytes(response);
        exchange.queue(() -> {
            if (done) {
                return;
            }
            done = true;
            exchange.writeFrame(SseFrames.event(0, event));
            exchange.endStream();
        });
    }
}
