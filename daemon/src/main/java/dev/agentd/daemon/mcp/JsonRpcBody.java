package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 6 of mcp §3: a POST body parsed once under the daemon's Jackson limits, then checked to be
 * one JSON-RPC 2.0 message or a non-empty array of them: a request ({@code method} + {@code id}), a
 * notification ({@code method}, no {@code id}) or a response ({@code result}/{@code error} +
 * {@code id}), with {@code jsonrpc} exactly {@code "2.0"}, {@code id} a string or integer and
 * {@code method} a string. An array may not hold {@code initialize}, which only opens a session.
 */
sealed interface JsonRpcBody {
    record Single(JsonRpcMessage message) implements JsonRpcBody {}

    record Batch(List<JsonRpcMessage> messages) implements JsonRpcBody {}

    /** -32700 or -32600, answered 400. */
    record Invalid(RpcError error) implements JsonRpcBody {}

    static JsonRpcBody parse(InputStream body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return new Invalid(new RpcError(ErrorCodes.PARSE_ERROR, "Parse error: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new Invalid(new RpcError(ErrorCodes.PARSE_ERROR, "Parse error: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return new Invalid(new RpcError(ErrorCodes.PARSE_ERROR, "Parse error: empty body"));
        }
        if (!root.isArray()) {
            JsonRpcMessage message = message(root);
            return message == null ? invalid("not a JSON-RPC 2.0 message") : new Single(message);
        }
        if (root.isEmpty()) {
            return invalid("empty batch");
        }
        List<JsonRpcMessage> messages = new ArrayList<>(root.size());
        for (JsonNode element : root) {
            JsonRpcMessage message = message(element);
            if (message == null) {
                return invalid("batch element is not a JSON-RPC 2.0 message");
            }
            if (message instanceof JsonRpcMessage.Request request && request.isInitialize()) {
                return invalid("initialize cannot be batched");
            }
            messages.add(message);
        }
        return new Batch(List.copyOf(messages));
    }

    /** The message {@code node} is, or null when it is none of the three kinds. */
    private static JsonRpcMessage message(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
            return null;
        }
        JsonNode id = node.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            return null;
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isTextual()) {
                return null;
            }
            JsonNode params = node.get("params");
            return id == null ? new JsonRpcMessage.Notification(method.textValue(), params)
                    : new JsonRpcMessage.Request(id, method.textValue(), params);
        }
        if (id != null && (node.has("result") || node.has("error"))) {
            return new JsonRpcMessage.Response(id);
        }
        return null;
    }

    private static Invalid invalid(String detail) {
        return new Invalid(new RpcError(ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail));
    }
}
