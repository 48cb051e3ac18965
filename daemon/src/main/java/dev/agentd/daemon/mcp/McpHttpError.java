package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A non-2xx answer of the mcp §3 table: its status, the JSON-RPC error of its body
 * ({@code "id": null}) and any header the status requires. The 404 of an unusable session is one
 * constant, so unknown, expired, deleted and foreign sessions get byte-identical answers.
 */
record McpHttpError(HttpResponseStatus status, RpcError error, Map<String, String> headers, boolean closeConnection) {
    static final int SERVER_ERROR = -32000;

    static final McpHttpError SESSION_NOT_FOUND = of(HttpResponseStatus.NOT_FOUND, SERVER_ERROR, "Session not found");
    static final McpHttpError SESSION_REQUIRED =
            of(HttpResponseStatus.BAD_REQUEST, SERVER_ERROR, "Mcp-Session-Id header required");
    static final McpHttpError BAD_NAMESPACE =
            of(HttpResponseStatus.BAD_REQUEST, SERVER_ERROR, "invalid X-Agentd-Namespace");
    static final McpHttpError FORBIDDEN_HOST = of(HttpResponseStatus.FORBIDDEN, SERVER_ERROR, "forbidden: Host not allowed");
    static final McpHttpError FORBIDDEN_ORIGIN =
            of(HttpResponseStatus.FORBIDDEN, SERVER_ERROR, "forbidden: Origin not allowed");
    static final McpHttpError UNAUTHORIZED = new McpHttpError(HttpResponseStatus.UNAUTHORIZED,
            new RpcError(ErrorCodes.AUTH_REQUIRED, "auth required: missing or invalid bearer token"),
            Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer realm=\"agentd\""), false);
    static final McpHttpError METHOD_NOT_ALLOWED = new McpHttpError(HttpResponseStatus.METHOD_NOT_ALLOWED,
            new RpcError(SERVER_ERROR, "Method not allowed"),
            Map.of(HttpHeaderNames.ALLOW.toString(), "GET, POST, DELETE"), false);
    static final McpHttpError NOT_ACCEPTABLE_POST = of(HttpResponseStatus.NOT_ACCEPTABLE, SERVER_ERROR,
            "Not Acceptable: Accept must cover application/json and text/event-stream");
    static final McpHttpError NOT_ACCEPTABLE_GET = of(HttpResponseStatus.NOT_ACCEPTABLE, SERVER_ERROR,
            "Not Acceptable: Accept must cover text/event-stream");
    static final McpHttpError UNSUPPORTED_MEDIA_TYPE = of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, SERVER_ERROR,
            "Unsupported Media Type: Content-Type must be application/json");
    static final McpHttpError MALFORMED_REQUEST = new McpHttpError(HttpResponseStatus.BAD_REQUEST,
            new RpcError(SERVER_ERROR, "Bad Request: malformed HTTP request"), Map.of(), true);
    static final McpHttpError SHUTTING_DOWN = new McpHttpError(HttpResponseStatus.SERVICE_UNAVAILABLE,
            new RpcError(ErrorCodes.INTERNAL_ERROR, "daemon shutting down"), Map.of(), true);

    static McpHttpError of(HttpResponseStatus status, int code, String message) {
        return new McpHttpError(status, new RpcError(code, message), Map.of(), false);
    }

    /** 400 with the error of a body that is not JSON (-32700) or not JSON-RPC (-32600). */
    static McpHttpError badRequest(RpcError error) {
        return new McpHttpError(HttpResponseStatus.BAD_REQUEST, error, Map.of(), false);
    }

    /** The request was closed after its head: the rest of the body is never read. */
    static McpHttpError tooLarge(int maxBytes) {
        return new McpHttpError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                new RpcError(SERVER_ERROR, "Payload Too Large: the body exceeds " + maxBytes + " bytes"), Map.of(), true);
    }

    static McpHttpError unsupportedVersion(String version) {
        JsonNode data = Json.mapper().createObjectNode().set("supported", Json.mapper().valueToTree(
                McpProtocolVersion.supported()));
        return new McpHttpError(HttpResponseStatus.BAD_REQUEST,
                new RpcError(SERVER_ERROR, "Unsupported protocol version: " + version, data), Map.of(), false);
    }

    byte[] body() {
        return McpJson.bytes(McpJson.error(null, error));
    }
}
