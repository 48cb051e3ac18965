package dev.agentd.bench.statebench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.memory.GraphHandle;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.params.MemoryParams;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code inproc} mode: the daemon's own {@link MemoryService} under a throwaway state root,
 * with params read by {@link MemoryParams} exactly as the {@code memory.*} handlers read them,
 * and no socket. Writes are still durable (journal + fsync).
 */
public final class InProcessTarget implements ReplayTarget {
    private final ExecutorService folds = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "statebench-fold");
        thread.setDaemon(true);
        return thread;
    });
    private final MemoryService memory;

    /** @param root the state root; the graphs live under {@code <root>/memory} */
    public InProcessTarget(Path root) {
        this.memory = MemoryService.open(root.resolve("memory"), TestHooks.fromSystemProperty(), folds);
    }

    @Override
    public String mode() {
        return "inproc";
    }

    @Override
    public TimelineGraph open(String memoryNamespace) {
        return new Graph(memory, memory.graphFor(memoryNamespace, null));
    }

    @Override
    public void close() {
        memory.close();
        folds.shutdown();
    }

    private record Graph(MemoryService memory, GraphHandle graph) implements TimelineGraph {
        @Override
        public void setIdentity(ObjectNode params) {
            memory.setIdentity(graph, MemoryParams.identityBody(params));
        }

        @Override
        public String addFact(ObjectNode params) {
            return memory.addFact(graph, MemoryParams.addFact(params, FactInput.Source.WEBSOCKET)).id();
        }

        @Override
        public void addTurn(ObjectNode params) {
            memory.addTurn(graph, MemoryParams.addTurn(params));
        }

        @Override
        public void setEnvironment(ObjectNode params) {
            memory.setEnvironment(graph, MemoryParams.setEnvironment(params));
        }

        @Override
        public String buildContext(ObjectNode params) {
            return memory.buildContext(graph, MemoryParams.buildContext(params));
        }

        @Override
        public void close() {
            // the graph stays open in the service until the target closes, as in the daemon
        }
    }
}
