package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.tools.McpTools;
import dev.agentd.daemon.mcp.tools.ToolProgress;
import dev.agentd.daemon.memory.GraphKey;
import dev.agentd.daemon.rpc.ErrorMapper;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.Protocol;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcException;
import java.util.concurrent.CompletableFuture;

/**
 * The methods of mcp §11 for a session's requests and notifications. Everything but
 * {@code tools/call} is cheap and answers at once on the event loop; {@code tools/call} goes to
 * the {@link ToolRunner}. Every outcome is a JSON-RPC response object: errors raised after
 * dispatch travel in a 200 body with the request's id (mcp §3).
 */
final class McpDispatcher {
    static final String INSTRUCTIONS = "agentd memory tools. The graph is chosen by X-Agentd-Namespace (default: the "
            + "agent's graph for a per-agent token, else the shared graph).";

    private final McpTools tools;
    private final ToolRunner runner;

    McpDispatcher(McpTools tools, ToolRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    /**
     * §7.2: the version to store, the proposed one if supported, else the latest. A missing or
     * non-string {@code protocolVersion}, or non-object params, capabilities or clientInfo → -32602.
     */
    static McpSession.Identity initialize(JsonNode params, McpPrincipal principal, GraphKey tenant) {
        if (params == null || !params.isObject()) {
            throw RpcException.invalidParams("params must be an object");
        }
        JsonNode proposed = params.get("protocolVersion");
        if (proposed == null || !proposed.isTextual()) {
            throw RpcException.invalidParams("protocolVersion: required string");
        }
        JsonNode capabilities = optionalObject(params, "capabilities");
        JsonNode clientInfo = optionalObject(params, "clientInfo");
        McpProtocolVersion version = McpProtocolVersion.parse(proposed.textValue()).orElse(McpProtocolVersion.LATEST);
        return new McpSession.Identity(principal, tenant, version, clientInfo, capabilities);
    }

    private static JsonNode optionalObject(JsonNode params, String field) {
        JsonNode value = params.get(field);
        if (value != null && !value.isNull() && !value.isObject()) {
            throw RpcException.invalidParams(field + ": must be an object");
        }
        return value == null || value.isNull() ? Json.mapper().createObjectNode() : value;
    }

    /** The result of §9.1 for a session just created. */
    static ObjectNode initializeResult(McpSession session) {
        ObjectNode result = Json.mapper().createObjectNode().put("protocolVersion", session.protocolVersion().wire());
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("logging");
        result.putObject("serverInfo").put("name", "agentd").put("version", Protocol.AGENTD_VERSION);
        return result.put("instructions", INSTRUCTIONS);
    }

    /** A request of a live session, answered as a complete JSON-RPC response. */
    CompletableFuture<ObjectNode> request(McpSession session, JsonRpcMessage.Request request, ToolProgress progress) {
        JsonNode id = request.id();
        try {
            return switch (request.method()) {
                case "ping" -> done(id, Json.mapper().createObjectNode());
                case "tools/list" -> done(id, listTools(session, request.params()));
                case "logging/setLevel" -> done(id, setLevel(session, request.params()));
                case "tools/call" -> runner.call(session, request.params(), progress).handle((result, failure) ->
                        failure == null ? McpJson.result(id, result) : failed(id, failure));
                default -> CompletableFuture.completedFuture(
                        McpJson.error(id, new RpcError(ErrorCodes.METHOD_NOT_FOUND, "Method not found")));
            };
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(failed(id, failure));
        }
    }

    /** §9.3: {@code initialized} sets the flag; every other notification is accepted and ignored. */
    static void notification(McpSession session, JsonRpcMessage.Notification notification) {
        if ("notifications/initialized".equals(notification.method())) {
            session.markInitialized();
        }
    }

    private JsonNode listTools(McpSession session, JsonNode params) {
        JsonNode cursor = params == null ? null : params.get("cursor");
        if (cursor != null && !cursor.isNull()) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid cursor");
        }
        ObjectNode result = Json.mapper().createObjectNode();
        result.set("tools", tools.list(session.protocolVersion()));
        return result;
    }

    /** §11.2: sets the session's minimum level for logging notifications. */
    private static JsonNode setLevel(McpSession session, JsonNode params) {
        JsonNode level = params == null ? null : params.get("level");
        LogLevel parsed = level != null && level.isTextual() ? LogLevel.parse(level.textValue()).orElse(null) : null;
        if (parsed == null) {
            throw RpcException.invalidParams("level: one of debug, info, notice, warning, error, critical, alert, emergency");
        }
        session.logLevel(parsed);
        return Json.mapper().createObjectNode();
    }

    private static CompletableFuture<ObjectNode> done(JsonNode id, JsonNode result) {
        return CompletableFuture.completedFuture(McpJson.result(id, result));
    }

    private static ObjectNode failed(JsonNode id, Throwable failure) {
        return McpJson.error(id, ErrorMapper.toError(failure, "mcp"));
    }
}
