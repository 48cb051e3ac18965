package dev.agentd.daemon.memory;

import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.memgine.ConsolidationReport;
import dev.agentd.memgine.DeleteResult;
import dev.agentd.memgine.EnvironmentWriteResult;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.FactWriteResult;
import dev.agentd.memgine.GraphLimits;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.MemoryChange;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.QueryHit;
import dev.agentd.memgine.TurnWriteResult;
import dev.agentd.memgine.params.MemoryParams;
import dev.agentd.memgine.store.FileSandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The memory of a daemon (memory.md): its graphs, the operations behind every {@code memory.*}
 * method and MCP memory tool, the persist/load sandbox and the change events. Front ends resolve
 * which graph a caller acts on ({@link #graphFor}) and hand it in with validated inputs; errors are
 * {@link MemoryException}s carrying the wire message, which each front end maps to its own error
 * form.
 */
public final class MemoryService implements AutoCloseable {
    private final GraphRegistry graphs;
    private final FileSandbox files;
    private final ChangePublisher changes;

    private MemoryService(GraphRegistry graphs, FileSandbox files, ChangePublisher changes) {
        this.graphs = graphs;
        this.files = files;
        this.changes = changes;
    }

    /**
     * Core §13 step 6: opens the shared graph under {@code memoryRoot}. A shared graph that cannot
     * be loaded does not stop the daemon: the failure is logged at ERROR and every call on that
     * graph fails with it (memory §1.2).
     *
     * @param memoryRoot {@code <root>/memory}
     * @param hooks the daemon's test hooks, wired into every graph (core §18.1)
     * @param foldExecutor runs the folds that journal growth triggers
     */
    public static MemoryService open(Path memoryRoot, TestHooks hooks, Executor foldExecutor) {
        ChangePublisher changes = new ChangePublisher();
        GraphRegistry graphs = new GraphRegistry(memoryRoot, key -> new GraphOptions(key.label(), GraphLimits.DEFAULTS,
                Clock.systemUTC(), TestGraphHooks.of(hooks, key.label()), changes::publish, foldExecutor));
        MemoryService service = new MemoryService(graphs, new FileSandbox(memoryRoot.resolve("files")), changes);
        try {
            graphs.open(GraphKey.shared());
        } catch (MemoryException e) {
            // logged by the handle; the shared graph stays failed until a restart
        }
        return service;
    }

    /** The daemon's shared graph (possibly failed: then every operation on it throws). */
    public GraphHandle shared() {
        return graphs.handle(GraphKey.shared());
    }

    /**
     * The graph of a caller with this namespace and agent binding (memory §1.1), opened now.
     * Throws {@code memory graph could not be loaded: <reason>} when it cannot be.
     */
    public GraphHandle graphFor(String memoryNamespace, String agentId) {
        return graphFor(GraphKey.of(memoryNamespace, agentId));
    }

    public GraphHandle graphFor(GraphKey key) {
        return graphs.open(key);
    }

    /**
     * Registers a listener for every acknowledged graph mutation (memory §1.2), called on the
     * service's own thread in commit order per graph. Running the returned action removes it.
     */
    public Runnable onChange(Consumer<MemoryChange> listener) {
        return changes.subscribe(listener);
    }

    // ---- writes ----------------------------------------------------------------------------------

    /** {@code memory.add_fact}, {@code save_knowledge}, {@code save_procedural} (memory §3.1, §3.5). */
    public FactWriteResult addFact(GraphHandle graph, FactInput fact) {
        return graph.graph().addFact(fact);
    }

    /**
     * {@link #addFact(GraphHandle, FactInput)} that runs {@code onApplied} once the in-memory
     * graph holds the fact, before the journal sync the returning call waits for (mcp §12.3).
     */
    public FactWriteResult addFact(GraphHandle graph, FactInput fact, Runnable onApplied) {
        return graph.graph().addFact(fact, onApplied);
    }

    /**
     * {@code memory.delete} (memory §3.4): a fact of the graph, or — for a
     * {@code proactive-status:…} id — the caller's own status slot.
     */
    public DeleteResult delete(GraphHandle graph, StatusSlots statuses, String id) {
        return delete(graph, statuses, id, () -> {});
    }

    /**
     * {@link #delete(GraphHandle, StatusSlots, String)} that runs {@code onApplied} once the fact
     * left the in-memory graph (or the slot was emptied), before the journal sync; not run when
     * nothing matched.
     */
    public DeleteResult delete(GraphHandle graph, StatusSlots statuses, String id, Runnable onApplied) {
        if (!StatusSlots.isStatusId(id)) {
            return graph.graph().delete(id, onApplied);
        }
        boolean cleared = statuses.clear(id);
        if (cleared) {
            onApplied.run();
        }
        return new DeleteResult(id, cleared, cleared ? "status" : null, graph.graph().factCount());
    }

    /** {@code memory.update_status} (memory §3.6): the caller's slot only; no graph, no change event. */
    public StatusSlots.StatusResult updateStatus(StatusSlots statuses, MemoryParams.UpdateStatus status) {
        return statuses.update(status);
    }

    /** {@code memory.set_identity} (memory §3.8). */
    public void setIdentity(GraphHandle graph, String body) {
        graph.graph().setIdentity(body);
    }

    /** {@code memory.add_turn} (memory §3.8). */
    public TurnWriteResult addTurn(GraphHandle graph, MemoryParams.AddTurn turn) {
        return graph.graph().addTurn(turn.speaker(), turn.text(), turn.ts());
    }

    /** {@code memory.set_environment} (memory §3.8). */
    public EnvironmentWriteResult setEnvironment(GraphHandle graph, MemoryParams.SetEnvironment entry) {
        return graph.graph().setEnvironment(entry.key(), entry.value(), entry.ttlMs());
    }

    /** {@code memory.consolidate} (memory §7). */
    public ConsolidationReport consolidate(GraphHandle graph) {
        return graph.graph().consolidate();
    }

    /**
     * {@code memory.load} (memory §8.3) of a file inside {@code <root>/memory/files/}: replaces
     * the whole graph; returns its valid-fact count afterwards.
     */
    public int load(GraphHandle graph, String path) {
        MemoryGraph open = graph.graph();
        return open.load(files.resolve(path, FileSandbox.Operation.LOAD), path);
    }

    // ---- reads -----------------------------------------------------------------------------------

    /** {@code memory.query} (memory §3.2). */
    public List<QueryHit> query(GraphHandle graph, MemoryParams.Query query) {
        return graph.graph().query(query.query(), query.k());
    }

    /** {@link #query(GraphHandle, MemoryParams.Query)} that runs {@code onSeedsSelected} before ranking. */
    public List<QueryHit> query(GraphHandle graph, MemoryParams.Query query, Runnable onSeedsSelected) {
        return graph.graph().query(query.query(), query.k(), onSeedsSelected);
    }

    /** {@code memory.build_context} (memory §6). */
    public String buildContext(GraphHandle graph, MemoryParams.BuildContext request) {
        return graph.graph().buildContext(request.query(), request.modelContextWindow(), request.showHistory());
    }

    /**
     * {@link #buildContext(GraphHandle, MemoryParams.BuildContext)} that runs {@code onFactsRanked}
     * once the Facts section is chosen, before the rest of the context is assembled.
     */
    public String buildContext(GraphHandle graph, MemoryParams.BuildContext request, Runnable onFactsRanked) {
        return graph.graph().buildContext(request.query(), request.modelContextWindow(), request.showHistory(),
                onFactsRanked);
    }

    /** {@code memory.fact_count}: valid facts. */
    public int factCount(GraphHandle graph) {
        return graph.graph().factCount();
    }

    /**
     * {@code memory.persist} (memory §8.2) to a file inside {@code <root>/memory/files/}; returns
     * the number of valid facts written.
     */
    public int persist(GraphHandle graph, String path) {
        MemoryGraph open = graph.graph();
        return open.persist(files.resolve(path, FileSandbox.Operation.PERSIST));
    }

    /** Core §15 step 7: folds every open graph's journal into its snapshot and closes it. */
    @Override
    public void close() {
        graphs.closeAll();
        changes.close();
    }
}
