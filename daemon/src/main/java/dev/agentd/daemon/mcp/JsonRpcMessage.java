package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/** One valid JSON-RPC 2.0 message of a POST body (mcp §3 step 6). */
sealed interface JsonRpcMessage {
    /** {@code method} + {@code id} (a string or an integer); {@code params} may be null. */
    record Request(JsonNode id, String method, JsonNode params) implements JsonRpcMessage {
        boolean isInitialize() {
            return "initialize".equals(method);
        }
    }

    /** {@code method}, no {@code id}. */
    record Notification(String method, JsonNode params) implements JsonRpcMessage {}

    /** {@code result} or {@code error} + {@code id}: a client's answer, which the server never asked for. */
    record Response(JsonNode id) implements JsonRpcMessage {}
}
