package dev.agentd.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A response: exactly one of {@code result} and {@code error}. {@code id} is always written, as
 * JSON {@code null} when the request's id could not be read.
 */
@JsonPropertyOrder({"jsonrpc", "id", "result", "error"})
public record RpcResponse(
        String jsonrpc,
        @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object result,
        @JsonInclude(JsonInclude.Include.NON_NULL) RpcError error) {

    public RpcResponse {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("result/error: exactly one must be set");
        }
    }

    public static RpcResponse success(JsonNode id, Object result) {
        return new RpcResponse(RpcRequest.VERSION, id, result, null);
    }

    public static RpcResponse failure(JsonNode id, RpcError error) {
        return new RpcResponse(RpcRequest.VERSION, id, null, error);
    }
}
