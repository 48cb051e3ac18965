package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.memgine.MemoryException;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The eight memory tools of mcp §12 over the memory service. Thread-safe, stateless.
 *
 * <p>A call that cannot name a tool is a protocol error (JSON-RPC -32602); once the tool is
 * known, every failure is a result with {@code isError:true} (§12.1), so the model that called the
 * tool sees what went wrong and can retry.
 */
public final class McpTools {
    private final List<Tool> tools;
    private final Map<String, Tool> byName;

    public McpTools(MemoryService memory) {
        this.tools = MemoryToolCatalog.tools(memory);
        this.byName = tools.stream().collect(Collectors.toUnmodifiableMap(Tool::name, tool -> tool));
    }

    /**
     * The {@code tools} array of a tools/list result for a session of this version (mcp §12.2;
     * §12.1: {@code outputSchema} only when {@code version.hasStructuredOutput()}). A fresh array
     * on each call, so callers may embed it.
     */
    public ArrayNode list(McpProtocolVersion version) {
        ArrayNode listed = JsonNodeFactory.instance.arrayNode();
        tools.forEach(tool -> listed.add(tool.describe(version)));
        return listed;
    }

    /**
     * tools/call with the request's {@code params} (may be null). Protocol errors are thrown as
     * {@link RpcException} -32602: params not an object, missing or non-string {@code name}
     * ({@code invalid params: name: required string}), unknown tool ({@code Unknown tool: <name>}).
     * Tool failures — schema violations ({@code invalid arguments: …}) and memory-service errors
     * ({@code memory error: …}) — are returned as results with {@code isError:true}. Progress
     * stages (§12.3) are reported through {@code progress} as they really complete, on the calling
     * thread; none when the arguments are invalid.
     */
    public ObjectNode call(JsonNode params, ToolContext context, ToolProgress progress) {
        Tool tool = toolOf(params);
        try {
            ObjectNode arguments = ArgumentValidator.validate(params.get("arguments"), tool.inputSchema());
            ProgressStages stages = new ProgressStages(tool.stages(), progress);
            ToolOutput output = run(tool, arguments, context, stages);
            stages.completeAll();
            return ToolResults.success(output, context.version());
        } catch (ToolFailure failure) {
            return ToolResults.failure(failure.getMessage());
        }
    }

    private static ToolOutput run(Tool tool, ObjectNode arguments, ToolContext context, ProgressStages stages) {
        try {
            return tool.handler().run(arguments, context, stages);
        } catch (MemoryException e) {
            throw ToolFailure.memory(e);
        }
    }

    private Tool toolOf(JsonNode params) {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw invalidParams("invalid params: params must be an object");
        }
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isTextual()) {
            throw invalidParams("invalid params: name: required string");
        }
        Tool tool = byName.get(name.textValue());
        if (tool == null) {
            throw invalidParams("Unknown tool: " + name.textValue());
        }
        return tool;
    }

    private static RpcException invalidParams(String message) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, message);
    }
}
