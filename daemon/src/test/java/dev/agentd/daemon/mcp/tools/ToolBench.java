package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import dev.agentd.daemon.memory.GraphHandle;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.daemon.memory.StatusSlots;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real {@link MemoryService} on a temp directory with {@link McpTools} over it and one MCP
 * session's context: the shared graph and that session's status slots.
 */
final class ToolBench implements AutoCloseable {
    /** One progress report. */
    record Stage(int progress, int total, String message) {
        @Override
        public String toString() {
            return progress + "/" + total + " " + message;
        }
    }

    final TestHooks hooks = TestHooks.fromSystemProperty();
    final MemoryService memory;
    final McpTools tools;
    final GraphHandle graph;
    final StatusSlots statuses = new StatusSlots();
    private final ExecutorService folds = Executors.newSingleThreadExecutor();

    ToolBench(Path dir) {
        memory = MemoryService.open(dir.resolve("memory"), hooks, folds);
        tools = new McpTools(memory);
        graph = memory.shared();
    }

    ToolContext context(McpProtocolVersion version) {
        return new ToolContext(graph, statuses, version);
    }

    /** {@code tools/call {name, arguments}} on a 2025-11-25 session, without progress. */
    ObjectNode call(String name, String argumentsJson) {
        return call(McpProtocolVersion.LATEST, name, argumentsJson, ToolProgress.NONE);
    }

    ObjectNode call(McpProtocolVersion version, String name, String argumentsJson, ToolProgress progress) {
        return tools.call(params(name, argumentsJson), context(version), progress);
    }

    /** Calls the tool and returns its progress reports in order. */
    List<Stage> stagesOf(String name, String argumentsJson) {
        List<Stage> stages = Collections.synchronizedList(new ArrayList<>());
        call(McpProtocolVersion.LATEST, name, argumentsJson,
                (progress, total, message) -> stages.add(new Stage(progress, total, message)));
        return List.copyOf(stages);
    }

    static ObjectNode params(String name, String argumentsJson) {
        ObjectNode params = Json.mapper().createObjectNode().put("name", name);
        if (argumentsJson != null) {
            params.set("arguments", parse(argumentsJson));
        }
        return params;
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        memory.close();
        folds.shutdownNow();
    }
}
