package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import java.io.UncheckedIOException;

/** The JSON-RPC 2.0 shapes the endpoint writes, built on the one configured mapper. */
final class McpJson {
    private McpJson() {}

    static ObjectNode notification(String method, JsonNode params) {
        ObjectNode message = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        return message;
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    /** An error response; {@code id} null becomes {@code "id": null} (mcp §3). */
    static ObjectNode error(JsonNode id, RpcError error) {
        ObjectNode message = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        message.set("error", Json.mapper().valueToTree(error));
        message.set("id", id == null ? NullNode.instance : id);
        return message;
    }

    /** Compact, one line: SSE {@code data:} lines must not contain a newline (mcp §8.10). */
    static byte[] bytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
