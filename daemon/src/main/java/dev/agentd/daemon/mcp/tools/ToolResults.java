package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;

/** The two shapes of a {@code tools/call} result (mcp §12.1). */
final class ToolResults {
    private ToolResults() {}

    /** {@code {content:[text], structuredContent?, isError:false}}; no structured content before 2025-06-18. */
    static ObjectNode success(ToolOutput output, McpProtocolVersion version) {
        ObjectNode result = withText(output.text());
        if (version.hasStructuredOutput()) {
            result.set("structuredContent", output.structured());
        }
        return result.put("isError", false);
    }

    /** {@code {content:[message], isError:true}}. */
    static ObjectNode failure(String message) {
        return withText(message).put("isError", true);
    }

    private static ObjectNode withText(String text) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }
}
