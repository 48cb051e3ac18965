package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import java.util.List;

/**
 * One MCP tool (mcp §12): what {@code tools/list} shows of it, its progress stages (§12.3) and
 * what it does.
 *
 * @param stages the progress messages, stage 1 first; {@code total} is their number
 */
record Tool(String name, String title, String description, ObjectNode inputSchema, ObjectNode outputSchema,
        Hints hints, List<String> stages, Handler handler) {

    /** The behaviour hints of {@code annotations}; agentd's tools never reach beyond the daemon. */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent) {}

    /** Runs the tool on arguments that passed the input schema. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param stages for the memory-service callbacks of the inner stages; the caller reports
         *     the remaining ones when this returns
         * @throws ToolFailure or {@code MemoryException} when the call fails as a tool
         */
        ToolOutput run(ObjectNode arguments, ToolContext context, ProgressStages stages);
    }

    Tool {
        stages = List.copyOf(stages);
    }

    /** The tool as listed to a session of {@code version}: {@code outputSchema} only with structured output. */
    ObjectNode describe(McpProtocolVersion version) {
        ObjectNode tool = JsonNodeFactory.instance.objectNode();
        tool.put("name", name);
        tool.put("description", description);
        tool.set("inputSchema", inputSchema.deepCopy());
        if (version.hasStructuredOutput()) {
            tool.set("outputSchema", outputSchema.deepCopy());
        }
        tool.putObject("annotations")
                .put("title", title)
                .put("readOnlyHint", hints.readOnly())
                .put("destructiveHint", hints.destructive())
                .put("idempotentHint", hints.idempotent())
                .put("openWorldHint", false);
        return tool;
    }
}
