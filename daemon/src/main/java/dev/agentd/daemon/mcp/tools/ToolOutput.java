package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.UncheckedIOException;

/**
 * A successful tool call's two faces (mcp §12.1): the structured object and the text item, which
 * is that object as compact JSON except for {@code memory_build_context}, whose text is the
 * context itself so a model can read it directly.
 */
record ToolOutput(ObjectNode structured, String text) {

    /** The structured object of a result record, shown as its compact JSON. */
    static ToolOutput of(Object value) {
        ObjectNode structured = Json.mapper().valueToTree(value);
        return new ToolOutput(structured, compact(structured));
    }

    /** {@code {context}} with the context string as the text. */
    static ToolOutput context(String context) {
        ObjectNode structured = Json.mapper().createObjectNode().put("context", context);
        return new ToolOutput(structured, context);
    }

    private static String compact(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
