package dev.agentd.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** An outbound request or notification (a notification has no {@code id}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RpcRequest(String jsonrpc, JsonNode id, String method, JsonNode params) {
    public static final String VERSION = "2.0";

    public RpcRequest {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method: empty (expected: a method name)");
        }
    }

    public static RpcRequest of(long id, String method, JsonNode params) {
        return new RpcRequest(VERSION, Json.mapper().getNodeFactory().numberNode(id), method, params);
    }
}
