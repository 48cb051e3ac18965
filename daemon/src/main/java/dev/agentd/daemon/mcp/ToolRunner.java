package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.memory.GraphHandle;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.daemon.mcp.tools.McpTools;
import dev.agentd.daemon.mcp.tools.ToolContext;
import dev.agentd.daemon.mcp.tools.ToolProgress;
import dev.agentd.daemon.rpc.HandlerDeadline;
import dev.agentd.memgine.MemoryException;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tools/call} on the daemon's worker pool (a memory write waits on a journal fsync, so
 * never on an event loop), bounded by the handler deadline of core §4: past it the call is
 * answered -32004 and its worker interrupted.
 */
final class ToolRunner {
    private final McpTools tools;
    private final MemoryService memory;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Duration deadline;

    ToolRunner(McpTools tools, MemoryService memory, ExecutorService workers, ScheduledExecutorService timers,
            Duration deadline) {
        this.tools = tools;
        this.memory = memory;
        this.workers = workers;
        this.timers = timers;
        this.deadline = deadline;
    }

    /** The tool result; fails with an {@link RpcException} for protocol errors and the deadline. */
    CompletableFuture<JsonNode> call(McpSession session, JsonNode params, ToolProgress progress) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        Future<?> task;
        try {
            task = workers.submit(() -> {
                try {
                    result.complete(run(session, params, progress));
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(RpcException.internal("daemon shutting down"));
            return result;
        }
        ScheduledFuture<?> timer = timers.schedule(() -> {
            if (result.completeExceptionally(new RpcException(HandlerDeadline.exceeded("tools/call", deadline)))) {
                task.cancel(true);
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((value, failure) -> timer.cancel(false));
        return result;
    }

    private ObjectNode run(McpSession session, JsonNode params, ToolProgress progress) {
        GraphHandle graph;
        try {
            graph = memory.graphFor(session.tenant());
        } catch (MemoryException e) {
            return memoryFailure(e);
        }
        return tools.call(params, new ToolContext(graph, session.statuses(), session.protocolVersion()), progress);
    }

    /** A graph that cannot be opened fails the tool, not the protocol (mcp §12.1). */
    private static ObjectNode memoryFailure(MemoryException e) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", "memory error: " + e.getMessage());
        return result.put("isError", true);
    }
}
