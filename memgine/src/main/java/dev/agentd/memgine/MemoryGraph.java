package dev.agentd.memgine;

import dev.agentd.memgine.consolidate.ConsolidationPlanner;
import dev.agentd.memgine.context.ContextBuilder;
import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.BackgroundTask;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.memgine.graph.Mutation;
import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.retrieval.Hits;
import dev.agentd.memgine.retrieval.Retriever;
import dev.agentd.memgine.store.ExportFile;
import dev.agentd.memgine.store.GroupCommit;
import dev.agentd.memgine.store.ImportFile;
import dev.agentd.memgine.store.JournalCodec;
import dev.agentd.memgine.store.JournalFile;
import dev.agentd.memgine.store.JournalRecord;
import dev.agentd.memgine.store.SnapshotFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One durable memory graph (memory.md): the in-memory graph, its journal and snapshot in one
 * directory, and the operations of the {@code memory.*} methods. Thread-safe; the daemon keeps one
 * instance per graph directory and calls it from any thread.
 *
 * <p>Concurrency (§1.2): one read-write lock. Reads share it; writes hold it exclusively while
 * they resolve, append their journal record and apply it, then wait outside the lock until group
 * commit has synced the record (§9.3) — a write is never acknowledged before that.
 *
 * <p>Every change of the in-memory state (writes, expiry sweeps, load, fold, close) first takes
 * the mutation gate. A fold holds only the gate while it writes the snapshot: writers wait at the
 * gate and readers continue (§9.4). Holding the read lock instead would not do: a
 * {@link ReentrantReadWriteLock} makes new readers queue behind a waiting writer, so under write
 * load every query would stall for the whole fold.
 *
 * <p>Errors are {@link MemoryException}s carrying the wire message and its kind. After a journal
 * I/O error the graph is failed: every later call fails with
 * {@code memory graph '<label>' failed: journal I/O error: <reason>} until the daemon restarts.
 */
public final class MemoryGraph implements AutoCloseable {
    public static final String JOURNAL_FILE = "journal.jsonl";
    public static final int MAX_QUERY = 65536;
    public static final int MAX_K = 100;
    public static final int MAX_IDENTITY = 16384;
    public static final int MAX_SPEAKER = 64;
    public static final int MAX_TURN_TEXT = 65536;
    public static final int MAX_KEY = 256;
    public static final int MAX_VALUE = 16384;
    public static final long MAX_TTL_MS = 31_536_000_000L;
    public static final int MAX_CONTEXT_WINDOW = 10_000_000;
    private static final Logger log = LoggerFactory.getLogger(MemoryGraph.class);
    private static final Runnable NO_STAGE = () -> {};

    /** A resolved write: its record (or null when nothing changes), result and change event. */
    private record Staged<T>(Mutation mutation, Supplier<T> result, Function<T, MemoryChange> change) {
        static <T> Staged<T> nothing(Supplier<T> result) {
            return new Staged<>(null, result, r -> null);
        }
    }

    private final Path directory;
    private final GraphOptions options;
    private final String label;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ReentrantLock mutationGate = new ReentrantLock();
    private final AtomicBoolean foldScheduled = new AtomicBoolean();
    private final AtomicLong clockFloor;
    private final JournalFile journal;
    private final GroupCommit<MemoryChange> commits;
    private final ContextBuilder contexts = new ContextBuilder();
    private final RecoveryReport recovery;
    private GraphState state;
    private long lastLsn;
    private volatile long nextExpiry;
    private volatile String failure;
    private volatile boolean closed;

    private MemoryGraph(Path directory, GraphOptions options, Recovery.Result recovered, JournalFile journal) {
        this.directory = directory;
        this.options = options;
        this.label = options.label();
        this.state = recovered.state();
        this.lastLsn = recovered.lastLsn();
        this.clockFloor = new AtomicLong(recovered.clockFloor());
        this.recovery = recovered.report();
        this.journal = journal;
        this.commits = new GroupCommit<>(lastLsn, journal::sync, this::publish);
        this.nextExpiry = state.nextExpiry();
    }

    /**
     * Opens (creating if needed, with mode 0700) the graph stored in {@code directory} and
     * recovers it (§9.5). A failed open changes no file and throws
     * {@code memory graph could not be loaded: <reason>}.
     */
    public static MemoryGraph open(Path directory, GraphOptions options) {
        Recovery.Result recovered = Recovery.recover(directory, options.label());
        try {
            JournalFile journal = JournalFile.openForAppend(directory.resolve(JOURNAL_FILE),
                    recovered.report().skippedRecords() + recovered.report().appliedRecords());
            MemoryGraph graph = new MemoryGraph(directory, options, recovered, journal);
            graph.sweepIfDue(graph.now());
            return graph;
        } catch (IOException e) {
            throw MemoryException.runtime("memory graph could not be loaded: " + e.getMessage(), e);
        }
    }

    public String label() {
        return label;
    }

    public Path directory() {
        return directory;
    }

    /** What recovery found when this graph was opened. */
    public RecoveryReport recovery() {
        return recovery;
    }

    // ------------------------------------------------------------------ writes

    /** {@code memory.add_fact}, {@code save_knowledge}, {@code save_procedural} (§3.1, §3.5). */
    public FactWriteResult addFact(FactInput input) {
        return addFact(input, NO_STAGE);
    }

    /**
     * {@link #addFact(FactInput)} that runs {@code onApplied} once the fact is in the in-memory
     * graph and before the write waits for its journal sync (the MCP progress stages, mcp §12.3).
     */
    public FactWriteResult addFact(FactInput input, Runnable onApplied) {
        return write(onApplied, now -> {
            Mutation.AddFact add = resolveFact(input, now);
            return new Staged<>(add, () -> new FactWriteResult(add.id(), add.kind(), state.validFactCount()),
                    result -> change(input.source().op(), add.id(), add.subject(), result.factCount()));
        });
    }

    /** {@code memory.delete} of a fact (§3.4); other node types and unknown ids match nothing. */
    public DeleteResult delete(String id) {
        return delete(id, NO_STAGE);
    }

    /**
     * {@link #delete(String)} with {@code onApplied} as in {@link #addFact(FactInput, Runnable)};
     * not run when nothing matched, since nothing changed.
     */
    public DeleteResult delete(String id, Runnable onApplied) {
        if (id == null) {
            throw MemoryException.invalidParams("id is required");
        }
        return write(onApplied, now -> {
            int ix = state.visibleFactIndex(id);
            if (ix < 0) {
                return Staged.nothing(() -> new DeleteResult(id, false, null, state.validFactCount()));
            }
            String kind = state.fact(ix).kind();
            return new Staged<>(new Mutation.DeleteFact(now, id),
                    () -> new DeleteResult(id, true, kind, state.validFactCount()),
                    result -> change("delete", id, null, result.factCount()));
        });
    }

    /** {@code memory.set_identity} (§3.8): replaces the identity; {@code ""} removes it. */
    public void setIdentity(String body) {
        requireLength("body", body, 0, MAX_IDENTITY);
        write(NO_STAGE, now -> {
            if (state.identity() == null && !body.isEmpty()) {
                requireCapacity();
            }
            return new Staged<>(new Mutation.SetIdentity(now, body), () -> Boolean.TRUE,
                    ok -> change("set_identity", Identity.ID, null, state.validFactCount()));
        });
    }

    /** {@code memory.add_turn} (§3.8); {@code ts} defaults to now. */
    public TurnWriteResult addTurn(String speaker, String text, Long ts) {
        requireLength("speaker", speaker, 1, MAX_SPEAKER);
        requireLength("text", text, 1, MAX_TURN_TEXT);
        return write(NO_STAGE, now -> {
            requireCapacity();
            String id = Turn.ID_PREFIX + state.nextTurn();
            return new Staged<>(new Mutation.AddTurn(now, id, speaker, text, ts == null ? now : ts),
                    () -> new TurnWriteResult(id, state.turnCount()),
                    result -> change("add_turn", id, null, state.validFactCount()));
        });
    }

    /** {@code memory.set_environment} (§3.8); {@code ttlMs} in 1..31536000000 or {@code null}. */
    public EnvironmentWriteResult setEnvironment(String key, String value, Long ttlMs) {
        requireLength("key", key, 1, MAX_KEY);
        requireLength("value", value, 0, MAX_VALUE);
        if (ttlMs != null && (ttlMs < 1 || ttlMs > MAX_TTL_MS)) {
            throw MemoryException.invalidParams("ttl_ms must be an integer from 1 to " + MAX_TTL_MS);
        }
        return write(NO_STAGE, now -> {
            int existing = state.indexOf(EnvironmentEntry.ID_PREFIX + key);
            if (existing < 0) {
                requireCapacity();
            }
            boolean replaced = state.isVisible(existing);
            Long expiresAt = ttlMs == null ? null : now + ttlMs;
            return new Staged<>(new Mutation.SetEnvironment(now, key, value, expiresAt),
                    () -> new EnvironmentWriteResult(key, replaced, Timestamps.formatNullable(expiresAt)),
                    result -> change("set_environment", EnvironmentEntry.ID_PREFIX + key, null,
                            state.validFactCount()));
        });
    }

    /** {@code memory.consolidate} (§7): one journal record, all or nothing. */
    public ConsolidationReport consolidate() {
        return write(NO_STAGE, now -> {
            ConsolidationPlanner.Plan plan = ConsolidationPlanner.plan(state, now);
            return new Staged<>(plan.mutation(), plan::report,
                    report -> change("consolidate", null, null, state.validFactCount()));
        });
    }

    /**
     * {@code memory.load} (§8.3) of an already sandbox-resolved file: read and validated
     * completely, built off-lock, then snapshot written, journal emptied and graph swapped under
     * the write lock. The new graph's seed index is built on a second thread while the snapshot
     * is written (about a fifth of a 100k-fact load each). Returns the valid-fact count after the load.
     *
     * @param shownPath the path as the caller gave it, for messages
     */
    public int load(Path file, String shownPath) {
        ensureUsable();
        GraphState built = ImportFile.load(file, shownPath, now(), options.effectiveLimits().maxNodes());
        BackgroundTask indexing = built.completeIndexingInBackground("memgine-index " + label);
        mutationGate.lock();
        try {
            lock.writeLock().lock();
            try {
                ensureUsable();
                try {
                    SnapshotFile.write(directory, built, label, lastLsn, clockFloor.get(), indexing::await);
                } catch (IOException e) {
                    throw MemoryException.runtime("memory.load failed: cannot write the snapshot: " + e.getMessage(), e);
                }
                state = built;
                nextExpiry = built.nextExpiry();
                try {
                    journal.truncate();
                } catch (IOException e) {
                    failGraph(e);
                }
                int count = built.validFactCount();
                commits.appended(lastLsn, change("load", null, null, count));
                return count;
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            mutationGate.unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    /** {@code memory.query} (§3.2, §5.4): {@code k} ≥ 0, clamped to 100. */
    public List<QueryHit> query(String query, int k) {
        return query(query, k, NO_STAGE);
    }

    /** {@link #query(String, int)} that runs {@code onSeedsSelected} under the read lock before the PPR walk. */
    public List<QueryHit> query(String query, int k, Runnable onSeedsSelected) {
        requireLength("query", query, 0, MAX_QUERY);
        if (k < 0) {
            throw MemoryException.invalidParams("k must be an integer >= 0");
        }
        int limit = Math.min(k, MAX_K);
        return read(now -> {
            List<QueryHit> results = new ArrayList<>();
            if (limit == 0) {
                return results;
            }
            Hits hits = Retriever.retrieve(state, query, onSeedsSelected).hits();
            for (int i = 0; i < hits.size() && results.size() < limit; i++) {
                int ix = hits.indexes()[i];
                if (state.isValidFact(ix)) {
                    Fact fact = state.fact(ix);
                    results.add(new QueryHit(fact.id(), fact.subject(), fact.body(), fact.kind(), hits.activations()[i]));
                }
            }
            return results;
        });
    }

    /** {@code memory.build_context} (§6); {@code modelContextWindow} in 1..10000000 or {@code null}. */
    public String buildContext(String query, Integer modelContextWindow, boolean showHistory) {
        return buildContext(query, modelContextWindow, showHistory, NO_STAGE);
    }

    /**
     * {@link #buildContext(String, Integer, boolean)} that runs {@code onFactsRanked} under the
     * read lock once the Facts section is chosen and before the remaining sections are assembled.
     */
    public String buildContext(String query, Integer modelContextWindow, boolean showHistory, Runnable onFactsRanked) {
        requireLength("query", query, 0, MAX_QUERY);
        if (modelContextWindow != null && (modelContextWindow < 1 || modelContextWindow > MAX_CONTEXT_WINDOW)) {
            throw MemoryException.invalidParams("model_context_window must be an integer from 1 to "
                    + MAX_CONTEXT_WINDOW);
        }
        return read(now -> contexts.build(state, query, modelContextWindow, showHistory, onFactsRanked));
    }

    /** {@code memory.fact_count}: valid facts. */
    public int factCount() {
        return read(now -> state.validFactCount());
    }

    /** Stored turns ({@code turn_count} of {@code add_turn}). */
    public int turnCount() {
        return read(now -> state.turnCount());
    }

    /**
     * {@code memory.persist} (§8.2) to an already sandbox-resolved file: written durably under the
     * read lock. Returns the number of valid facts written.
     */
    public int persist(Path file) {
        return read(now -> {
            try {
                ExportFile.write(file, state, now);
            } catch (IOException e) {
                throw MemoryException.runtime("memory.persist failed: " + e.getMessage(), e);
            }
            return state.validFactCount();
        });
    }

    /** Seeds and PPR hits of {@code query}, for tests, tuning and the bench. */
    public RetrievalTrace explain(String query) {
        return read(now -> {
            Retriever.Retrieval retrieval = Retriever.retrieve(state, query);
            return new RetrievalTrace(retrieval.seeds(), retrieval.activations(state));
        });
    }

    /** An immutable copy of every stored node and edge (for the reference retrieval and tests). */
    public GraphView view() {
        return read(now -> GraphView.of(state));
    }

    /** The graph clock: the options' clock, never going backwards (also across restarts). */
    public long now() {
        return clockFloor.accumulateAndGet(options.clock().millis(), Math::max);
    }

    // ------------------------------------------------------------------ durability

    /**
     * Folds the journal into a new snapshot (§9.4) holding the mutation gate: readers continue,
     * writers wait. A failure before the rename leaves the old pair untouched and is logged.
     */
    public void fold() {
        mutationGate.lock();
        try {
            foldLocked();
        } finally {
            mutationGate.unlock();
        }
    }

    /** Graceful close: folds, then closes the journal. Later calls fail. */
    @Override
    public void close() {
        mutationGate.lock();
        try {
            if (closed) {
                return;
            }
            foldLocked();
            lock.writeLock().lock();
            try {
                closed = true;
                journal.close();
            } catch (IOException e) {
                log.warn("closing the journal of memory graph '{}' failed: {}", label, e.toString());
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            mutationGate.unlock();
        }
    }

    /** Whether a journal I/O error has failed this graph. */
    public boolean isFailed() {
        return failure != null;
    }

    /** The fold itself; the caller holds the mutation gate, so the state cannot change meanwhile. */
    private void foldLocked() {
        if (failure != null || closed) {
            return;
        }
        try {
            commits.awaitDurable(lastLsn);
            SnapshotFile.write(directory, state, label, lastLsn, clockFloor.get());
            if (options.hooks().stopFoldAfterRename()) {
                return;
            }
            truncateJournal();
        } catch (IOException e) {
            log.error("fold of memory graph '{}' failed, will retry at the next trigger: {}", label, e.toString());
        }
    }

    private void truncateJournal() {
        try {
            journal.truncate();
        } catch (IOException e) {
            failGraph(e);
        }
    }

    private void scheduleFold() {
        if (!foldScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            options.foldExecutor().execute(() -> {
                try {
                    if (!closed) {
                        fold();
                    }
                } finally {
                    foldScheduled.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            foldScheduled.set(false);
        }
    }

    private boolean foldDue() {
        GraphLimits limits = options.effectiveLimits();
        return journal.size() >= limits.foldJournalBytes() || journal.records() >= limits.foldJournalRecords();
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T write(Runnable onApplied, LongFunction<Staged<T>> stage) {
        long lsn;
        T result;
        boolean foldDue;
        mutationGate.lock();
        lock.writeLock().lock();
        try {
            ensureUsable();
            long now = now();
            state.sweep(now);
            Staged<T> staged = stage.apply(now);
            if (staged.mutation() == null) {
                return staged.result().get();
            }
            lsn = lastLsn + 1;
            append(new JournalRecord(lsn, staged.mutation()));
            lastLsn = lsn;
            applyAppended(staged.mutation());
            result = staged.result().get();
            commits.appended(lsn, staged.change().apply(result));
            foldDue = foldDue();
        } finally {
            nextExpiry = state.nextExpiry();
            lock.writeLock().unlock();
            mutationGate.unlock();
        }
        onApplied.run();
        awaitDurable(lsn);
        if (foldDue) {
            scheduleFold();
        }
        return result;
    }

    private void append(JournalRecord record) {
        byte[] line = JournalCodec.encode(record);
        try {
            if (options.hooks().failJournalAppend()) {
                throw new IOException("injected append failure (memory.journal.fail-append)");
            }
            journal.append(line);
        } catch (IOException e) {
            failGraph(e);
            throw failedException();
        }
    }

    private void applyAppended(Mutation mutation) {
        try {
            state.apply(mutation);
        } catch (RuntimeException e) {
            log.error("memory graph '{}' could not apply its own journal record", label, e);
            failGraph(new IOException("record could not be applied: " + e.getMessage(), e));
            throw failedException();
        }
    }

    private void awaitDurable(long lsn) {
        try {
            commits.awaitDurable(lsn);
        } catch (IOException e) {
            failGraph(e);
            throw failedException();
        }
    }

    private <T> T read(LongFunction<T> body) {
        ensureUsable();
        long now = now();
        sweepIfDue(now);
        lock.readLock().lock();
        try {
            ensureUsable();
            return body.apply(now);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Expired nodes leave the indexes under the write lock before a read looks (§2.2). This is
     * the one case where a read waits for a running fold.
     */
    private void sweepIfDue(long now) {
        if (nextExpiry > now) {
            return;
        }
        mutationGate.lock();
        lock.writeLock().lock();
        try {
            state.sweep(now);
            nextExpiry = state.nextExpiry();
        } finally {
            lock.writeLock().unlock();
            mutationGate.unlock();
        }
    }

    private void failGraph(IOException cause) {
        if (failure == null) {
            String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            failure = "memory graph '" + label + "' failed: journal I/O error: " + reason;
            log.error("{}", failure);
        }
        commits.fail(cause);
    }

    private MemoryException failedException() {
        return MemoryException.runtime(failure);
    }

    private void ensureUsable() {
        if (failure != null) {
            throw failedException();
        }
        if (closed) {
            throw MemoryException.runtime("memory graph '" + label + "' is closed");
        }
    }

    private void requireCapacity() {
        if (state.storedNodeCount() >= options.effectiveLimits().maxNodes()) {
            throw MemoryException.runtime("memory graph '" + label + "' is full");
        }
    }

    private Mutation.AddFact resolveFact(FactInput input, long now) {
        requireCapacity();
        if (input.expiresAt() != null && input.expiresAt() <= now) {
            throw MemoryException.invalidParams("expires_at must be later than now");
        }
        if (input.supersedes() != null && state.visibleFactIndex(input.supersedes()) < 0) {
            throw MemoryException.invalidParams("unknown fact id in supersedes: '" + input.supersedes() + "'");
        }
        for (String dependency : input.dependsOn()) {
            if (state.visibleFactIndex(dependency) < 0) {
                throw MemoryException.invalidParams("unknown fact id in depends_on: '" + dependency + "'");
            }
        }
        String requested = input.requestedId();
        return new Mutation.AddFact(now, requested, state.peekMint(requested), input.subject(), input.body(),
                input.kind(), input.isConstraint(), input.effectiveConfidence(), input.confidenceLabel(),
                input.tags(), input.tenantId(), input.expiresAt(), input.dependsOn(), input.supersedes());
    }

    private MemoryChange change(String op, String id, String subject, int factCount) {
        return new MemoryChange(op, label, id, subject, factCount);
    }

    private void publish(MemoryChange change) {
        try {
            options.changeListener().accept(change);
        } catch (RuntimeException e) {
            log.warn("memory change listener of graph '{}' failed: {}", label, e.toString());
        }
    }

    private static void requireLength(String field, String value, int min, int max) {
        FactInput.requireLength(field, value, min, max);
    }
}
