package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The POST requests still being answered, for the shutdown drain (mcp §14 step 3): the daemon
 * waits while {@link #count()} is positive, then answers the rest -32603 {@code daemon shutting
 * down} and closes their connections. The first completion of a reply wins, so a tool finishing
 * at the same moment is either answered normally or aborted, never both.
 */
final class InFlightRequests {
    private record Pending(CompletableFuture<ObjectNode> reply, JsonNode id, McpExchange exchange) {}

    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();

    void track(CompletableFuture<ObjectNode> reply, JsonNode id, McpExchange exchange) {
        if (reply.isDone()) {
            return;
        }
        Pending entry = new Pending(reply, id, exchange);
        pending.add(entry);
        reply.whenComplete((response, failure) -> pending.remove(entry));
    }

    int count() {
        return pending.size();
    }

    void abortAll() {
        for (Pending entry : pending) {
            entry.exchange().closeAfterResponse();
            entry.reply().complete(McpJson.error(entry.id(), McpHttpError.SHUTTING_DOWN.error()));
        }
    }
}
