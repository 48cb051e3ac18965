package dev.agentd.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one exception that carries a wire error. Throw it anywhere below a method handler; the
 * dispatcher turns it into the response's {@code error} object unchanged.
 */
public class RpcException extends RuntimeException {
    private final transient RpcError error;

    public RpcException(int code, String message) {
        this(new RpcError(code, message));
    }

    public RpcException(int code, String message, JsonNode data) {
        this(new RpcError(code, message, data));
    }

    public RpcException(RpcError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public RpcError error() {
        return error;
    }

    public int code() {
        return error.code();
    }

    public static RpcException invalidParams(String detail) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: " + detail);
    }

    public static RpcException invalidRequest(String detail) {
        return new RpcException(ErrorCodes.INVALID_REQUEST, "invalid request: " + detail);
    }

    public static RpcException internal(String message) {
        return new RpcException(ErrorCodes.INTERNAL_ERROR, message);
    }
}
