package dev.agentd.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error object; {@code data} only where a method specification defines it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RpcError(int code, String message, JsonNode data) {
    public RpcError {
        if (message == null) {
            throw new IllegalArgumentException("message: null (expected: a message)");
        }
    }

    public RpcError(int code, String message) {
        this(code, message, null);
    }
}
