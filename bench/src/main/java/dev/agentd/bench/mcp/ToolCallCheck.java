package dev.agentd.bench.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes a {@code tools/call memory_query} result count (mcp §12.1): not {@code isError}, one
 * {@code text} content item, and {@code structuredContent.results} an array. Its size is kept, so
 * the report can show both servers returned results of the same size.
 */
record ToolCallCheck(int results, String failure) {

    static ToolCallCheck of(McpReply reply) {
        if (!reply.succeeded()) {
            return new ToolCallCheck(0, reply.failure());
        }
        JsonNode result = reply.result();
        if (result.path("isError").asBoolean(false)) {
            return new ToolCallCheck(0, "isError: " + result.path("content").path(0).path("text").asText());
        }
        if (!"text".equals(result.path("content").path(0).path("type").asText())) {
            return new ToolCallCheck(0, "no text content: " + result);
        }
        JsonNode results = result.path("structuredContent").path("results");
        if (!results.isArray()) {
            return new ToolCallCheck(0, "no structuredContent.results: " + result);
        }
        return new ToolCallCheck(results.size(), null);
    }

    boolean succeeded() {
        return failure == null;
    }
}
