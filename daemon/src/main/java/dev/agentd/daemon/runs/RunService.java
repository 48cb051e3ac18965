package dev.agentd.daemon.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.rpc.NotificationQueue;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.Principal;
import dev.agentd.protocol.RpcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run tracing (runs specification): the durable bracket around an agent's mission, its turns,
 * live subscriptions, and what happens to open runs when connections and the daemon go away.
 *
 * <p>Each run's monitor orders its appends and the events fanned out after them, so subscribers
 * see every record once and in order; a subscription's snapshot is taken under the same monitor.
 */
public final class RunService {
    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    static final int MAX_TURNS = 2000;
    static final int SUBSCRIBER_QUEUE = 256;
    static final long MAX_REPLY_BYTES = 8L * 1024 * 1024;
    static final String EVENT = "runs.trace.event";

    private final RunStore store;
    private final Clock clock;
    private final Duration grace;
    private final ScheduledExecutorService timers;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<ClientSession, ConnectionRuns> connections = new ConcurrentHashMap<>();
    private final Object keyedStarts = new Object();

    /** Per connection: {@code currentRunId}, {@code startedRuns}, {@code traceSubscriptions} (core §5). */
    private static final class ConnectionRuns {
        volatile String currentRunId;
        final Set<Run> started = ConcurrentHashMap.newKeySet();
        final Map<String, NotificationQueue> subscriptions = new ConcurrentHashMap<>();
    }

    RunService(RunStore store, Clock clock, Duration grace, ScheduledExecutorService timers) {
        this.store = store;
        this.clock = clock;
        this.grace = grace;
        this.timers = timers;
    }

    public static RunService open(Path runsDir, java.util.function.Consumer<Path> openLog, Duration grace,
            ScheduledExecutorService timers) {
        RunService service = new RunService(new RunStore(runsDir, openLog), Clock.systemUTC(), grace, timers);
        service.recover();
        return service;
    }

    // ---- start-up (runs §5) ---------------------------------------------------------------------

    /** Indexes every run file; open runs left by a crash get their {@code daemon_restart} ending. */
    private void recover() {
        List<Path> files;
        try {
            files = store.listRunFiles();
        } catch (IOException e) {
            log.error("cannot list run files: {}", e.getMessage());
            return;
        }
        for (Path file : files) {
            try {
                Optional<RunStore.ScannedRun> scanned = store.scan(file);
                if (scanned.isEmpty()) {
                    log.warn("skipping run file {}: its started line is unreadable", file);
                    continue;
                }
                index(file, scanned.get());
            } catch (IOException e) {
                log.warn("skipping run file {}: {}", file, e.getMessage());
            }
        }
    }

    private void index(Path file, RunStore.ScannedRun scanned) throws IOException {
        JsonNode started = scanned.started();
        JsonNode last = scanned.last();
        String runId = started.path("run_id").asText();
        Run run;
        if (RunRecords.isEnded(last)) {
            run = new Run(runId, started.path("agent_id").asText(), file, started.path("intent").asText(),
                    started.path("started_at").asText(), last.path("status").asText(), last.path("turn_count").asInt(),
                    last.path("ended_at").asText());
        } else {
            int turns = RunRecords.isTurn(last) ? last.path("index").asInt() + 1 : 0;
            run = new Run(runId, started.path("agent_id").asText(), file, started.path("intent").asText(),
                    started.path("started_at").asText(), RunRecords.IN_PROGRESS, turns, null);
            run.channel = store.openForAppend(file);
            end(run, RunRecords.incomplete("daemon_restart", RunRecords.timestamp(clock), turns));
        }
        runs.put(runId, run);
    }

    // ---- runs.start -------------------------------------------------------------------------

    /** The validated params of {@code runs.start}. */
    public record StartParams(String intent, String agentId, String agentName, String outcomeDescription,
            String idempotencyKey) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StartResult(@JsonProperty("run_id") String runId, @JsonProperty("agent_id") String agentId) {}

    public StartResult start(ClientSession session, StartParams params) throws IOException {
        String agentId = resolveAgent(session, params);
        if (params.idempotencyKey() == null) {
            return create(session, agentId, UUID.randomUUID().toString(), params);
        }
        synchronized (keyedStarts) {
            Run existing = runs.get(params.idempotencyKey());
            if (existing == null) {
                return create(session, agentId, params.idempotencyKey(), params);
            }
            if (!existing.agentId.equals(agentId)) {
                throw RpcException.internal("run id conflict: '" + params.idempotencyKey() + "'");
            }
            adopt(session, existing);
            return new StartResult(existing.runId, existing.agentId);
        }
    }

    private static String resolveAgent(ClientSession session, StartParams params) {
        String bound = session.principal().agentId();
        if (params.agentId() != null) {
            if (bound != null && !bound.equals(params.agentId())) {
                throw notAuthorized(params.agentId());
            }
            return params.agentId();
        }
        if (bound != null) {
            return bound;
        }
        if (params.agentName() != null) {
            return "name:" + slug(params.agentName());
        }
        throw RpcException.invalidParams("runs.start needs an agent identity (agent_id or agent_name)");
    }

    private StartResult create(ClientSession session, String agentId, String runId, StartParams params)
            throws IOException {
        String startedAt = RunRecords.timestamp(clock);
        ObjectNode started = RunRecords.started(runId, agentId, params.intent(), params.agentName(),
                params.outcomeDescription(), startedAt);
        Path file = store.fileOf(agentId, runId);
        Run run = new Run(runId, agentId, file, params.intent(), startedAt, RunRecords.IN_PROGRESS, 0, null);
        synchronized (run) {
            run.channel = store.create(file, started);
            run.owner = session;
            runs.put(runId, run);
            ConnectionRuns mine = connection(session);
            mine.started.add(run);
            mine.currentRunId = runId;
        }
        log.info("run {} started for agent '{}'", runId, agentId);
        return new StartResult(runId, agentId);
    }

    /** An idempotent start: the run becomes current, and an open run changes owner. */
    private void adopt(ClientSession session, Run run) {
        synchronized (run) {
            connection(session).currentRunId = run.runId;
            if (!run.open() || run.owner == session) {
                return;
            }
            ClientSession previous = run.owner;
            if (previous != null) {
                ConnectionRuns old = connections.get(previous);
                if (old != null) {
                    old.started.remove(run);
                }
            }
            run.cancelGrace.run();
            run.owner = session;
            connection(session).started.add(run);
            log.info("run {} adopted by {}", run.runId, session.clientId());
        }
    }

    // ---- runs.record_turns --------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordResult(@JsonProperty("run_id") String runId, @JsonProperty("base_index") int baseIndex,
            int count, boolean ok, String dropped) {
        static RecordResult dropped(String runId, String reason) {
            return new RecordResult(runId, 0, 0, false, reason);
        }
    }

    /** Resolves an absent {@code run_id} to the connection's current run, or empty when it has none. */
    public Optional<String> resolveRunId(ClientSession session, String runId) {
        if (runId != null) {
            return Optional.of(runId);
        }
        ConnectionRuns mine = connections.get(session);
        return Optional.ofNullable(mine == null ? null : mine.currentRunId);
    }

    /** @param turns validated turn fields, in order (runs §3.2 steps 1–3) */
    public RecordResult recordTurns(ClientSession session, String runId, List<ObjectNode> turns) throws IOException {
        Run run = runs.get(runId);
        if (run == null || !mayWrite(session, run)) {
            return RecordResult.dropped(runId, "run_not_found");
        }
        List<ObjectNode> fitted = new ArrayList<>(turns.size());
        for (ObjectNode turn : turns) {
            Optional<ObjectNode> fits = TurnSanitizer.fitToLine(turn);
            if (fits.isEmpty()) {
                return RecordResult.dropped(runId, "turn_too_large");
            }
            fitted.add(fits.get());
        }
        synchronized (run) {
            if (!run.open()) {
                return RecordResult.dropped(runId, "run_terminal");
            }
            if (run.turnCount + fitted.size() > MAX_TURNS) {
                return RecordResult.dropped(runId, "run_turn_limit");
            }
            int base = run.turnCount;
            String ts = RunRecords.timestamp(clock);
            List<ObjectNode> records = new ArrayList<>(fitted.size());
            List<byte[]> lines = new ArrayList<>(fitted.size());
            for (int i = 0; i < fitted.size(); i++) {
                ObjectNode record = TurnSanitizer.record(base + i, ts, fitted.get(i));
                records.add(record);
                lines.add(RunStore.encode(record));
            }
            RunStore.append(run.channel, lines);
            run.turnCount += records.size();
            for (int i = 0; i < records.size(); i++) {
                fanOut(run, records.get(i), base + i + 1);
            }
            return new RecordResult(runId, base, records.size(), true, null);
        }
    }

    // ---- runs.complete ------------------------------------------------------------------------

    public void complete(ClientSession session, String runId, JsonNode outcome) throws IOException {
        Run run = runs.get(runId);
        if (run == null || !mayComplete(session, run)) {
            throw RpcException.internal("run not found: '" + runId + "'");
        }
        synchronized (run) {
            if (!run.open()) {
                throw RpcException.internal("run already ended: '" + runId + "' (" + run.status + ")");
            }
            end(run, RunRecords.completed(outcome, RunRecords.timestamp(clock), run.turnCount));
        }
        ConnectionRuns mine = connections.get(session);
        if (mine != null && runId.equals(mine.currentRunId)) {
            mine.currentRunId = null;
        }
        log.info("run {} completed", runId);
    }

    /** Appends the {@code ended} record and closes the run. Caller holds the run's monitor. */
    private void end(Run run, ObjectNode ended) throws IOException {
        RunStore.append(run.channel, List.of(RunStore.encode(ended)));
        run.status = ended.path("status").asText();
        run.endedAt = ended.path("ended_at").asText();
        run.cancelGrace.run();
        run.channel.close();
        run.channel = null;
        if (run.owner != null) {
            ConnectionRuns owner = connections.get(run.owner);
            if (owner != null) {
                owner.started.remove(run);
            }
        }
        fanOut(run, ended, run.turnCount);
        run.subscribers.clear(); // a terminal run keeps no subscription; queued events still drain
    }

    // ---- subscriptions --------------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscribeResult(@JsonProperty("run_id") String runId, @JsonProperty("agent_id") String agentId,
            @JsonProperty("turns_so_far") List<JsonNode> turnsSoFar, int cursor, String status,
            @JsonProperty("first_index") Integer firstIndex) {}

    /** A subscription whose events start flowing once {@link #start} runs, after the reply. */
    public record Subscription(SubscribeResult result, Runnable start) {}

    public Subscription subscribe(ClientSession session, String runId) throws IOException {
        Run run = runs.get(runId);
        if (run == null) {
            throw RpcException.internal("run not found: '" + runId + "'");
        }
        if (!mayRead(session, run)) {
            throw notAuthorized(run.agentId);
        }
        synchronized (run) {
            Deque<JsonNode> turns = newestTurns(store.readRecords(run.file));
            Integer firstIndex = turns.size() < run.turnCount && !turns.isEmpty()
                    ? turns.peekFirst().path("index").asInt() : null;
            SubscribeResult result = new SubscribeResult(run.runId, run.agentId, List.copyOf(turns), run.turnCount,
                    run.status, firstIndex);
            if (!run.open()) {
                return new Subscription(result, () -> {});
            }
            NotificationQueue queue = session.connection().notifications()
                    .open(EVENT, SUBSCRIBER_QUEUE, "runs.subscribe " + runId + " on " + session.clientId());
            NotificationQueue replaced = connection(session).subscriptions.put(runId, queue);
            if (replaced != null) {
                replaced.cancel();
            }
            run.subscribers.put(session, queue);
            return new Subscription(result, queue::start);
        }
    }

    /** The run's turns, newest kept when they exceed 8 MiB encoded. */
    private static Deque<JsonNode> newestTurns(List<JsonNode> records) {
        Deque<JsonNode> turns = new ArrayDeque<>();
        long size = 0;
        for (int i = records.size() - 1; i >= 0; i--) {
            JsonNode record = records.get(i);
            if (!RunRecords.isTurn(record)) {
                continue;
            }
            size += record.toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (size > MAX_REPLY_BYTES) {
                break;
            }
            turns.addFirst(record);
        }
        return turns;
    }

    public boolean unsubscribe(ClientSession session, String runId) {
        ConnectionRuns mine = connections.get(session);
        NotificationQueue queue = mine == null ? null : mine.subscriptions.remove(runId);
        if (queue == null) {
            return false;
        }
        queue.cancel();
        Run run = runs.get(runId);
        if (run != null) {
            synchronized (run) {
                run.subscribers.remove(session, queue);
            }
        }
        return true;
    }

    /** Offers one event to every subscriber; a full queue drops it for that subscriber only. */
    private static void fanOut(Run run, ObjectNode record, int cursor) {
        if (run.subscribers.isEmpty()) {
            return;
        }
        ObjectNode params = record.objectNode().put("run_id", run.runId).put("agent_id", run.agentId);
        params.set("record", record);
        params.put("cursor", cursor).put("status", run.status);
        for (NotificationQueue queue : run.subscribers.values()) {
            queue.offer(params);
        }
    }

    // ---- reads ----------------------------------------------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunSummary(@JsonProperty("run_id") String runId, @JsonProperty("agent_id") String agentId,
            String intent, @JsonProperty("started_at") String startedAt, @JsonProperty("ended_at") String endedAt,
            String status, @JsonProperty("turn_count") int turnCount) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListResult(@JsonProperty("agent_id") String agentId, List<RunSummary> runs, Boolean truncated) {}

    public ListResult list(ClientSession session, String agentId) {
        if (!mayRead(session, agentId)) {
            throw notAuthorized(agentId);
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (Run run : runs.values()) {
            if (run.agentId.equals(agentId)) {
                synchronized (run) {
                    summaries.add(new RunSummary(run.runId, run.agentId, cutIntent(run.intent), run.startedAt,
                            run.open() ? null : run.endedAt, run.status, run.turnCount));
                }
            }
        }
        summaries.sort(Comparator.comparing(RunSummary::startedAt).reversed().thenComparing(RunSummary::runId));
        long size = 0;
        int kept = 0;
        for (RunSummary summary : summaries) {
            size += summary.intent().length() * 2L + 256; // generous per-summary estimate
            if (size > MAX_REPLY_BYTES) {
                break;
            }
            kept++;
        }
        return kept < summaries.size()
                ? new ListResult(agentId, List.copyOf(summaries.subList(0, kept)), true)
                : new ListResult(agentId, summaries, null);
    }

    private static String cutIntent(String intent) {
        return intent.length() > 1024 ? intent.substring(0, 1024) : intent;
    }

    public JsonNode getTrace(ClientSession session, String runId, int cursor) throws IOException {
        Run run = runs.get(runId);
        ObjectNode result = dev.agentd.protocol.Json.mapper().createObjectNode().put("run_id", runId);
        if (run == null) {
            return result.put("not_found", true);
        }
        if (!mayRead(session, run)) {
            throw notAuthorized(run.agentId);
        }
        List<JsonNode> records = store.readRecords(run.file);
        result.put("agent_id", run.agentId);
        var array = result.putArray("records");
        long size = 0;
        int next = cursor;
        for (; next < records.size(); next++) {
            size += records.get(next).toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (size > MAX_REPLY_BYTES && next > cursor) {
                break;
            }
            array.add(records.get(next));
        }
        result.put("cursor", cursor);
        if (next < records.size()) {
            result.put("more", true).put("next_cursor", next);
        }
        return result;
    }

    // ---- disconnect and shutdown (runs §4) --------------------------------------------------------

    /**
     * Core §5.1 step 3 (drop trace subscriptions) for {@code dropSubscriptions}, step 5 (grace
     * timers, or at shutdown the {@code daemon_shutdown} ending at once) otherwise.
     */
    public void dropSubscriptions(ClientSession session) {
        ConnectionRuns mine = connections.get(session);
        if (mine == null) {
            return;
        }
        for (Map.Entry<String, NotificationQueue> entry : mine.subscriptions.entrySet()) {
            entry.getValue().cancel();
            Run run = runs.get(entry.getKey());
            if (run != null) {
                synchronized (run) {
                    run.subscribers.remove(session, entry.getValue());
                }
            }
        }
        mine.subscriptions.clear();
    }

    public void releaseStartedRuns(ClientSession session, boolean shutdown) {
        ConnectionRuns mine = connections.remove(session);
        if (mine == null) {
            return;
        }
        for (Run run : mine.started) {
            if (shutdown) {
                endIncomplete(run, session, "daemon_shutdown");
            } else {
                synchronized (run) {
                    ScheduledFuture<?> timer = timers.schedule(() -> endIncomplete(run, session, "connection_closed"),
                            grace.toMillis(), TimeUnit.MILLISECONDS);
                    run.cancelGrace = () -> timer.cancel(false);
                }
            }
        }
    }

    /** Ends a run that is still open and still owned by {@code owner} (not adopted meanwhile). */
    private void endIncomplete(Run run, ClientSession owner, String reason) {
        synchronized (run) {
            if (!run.open() || run.owner != owner) {
                return;
            }
            try {
                end(run, RunRecords.incomplete(reason, RunRecords.timestamp(clock), run.turnCount));
                log.info("run {} marked incomplete: {}", run.runId, reason);
            } catch (IOException e) {
                log.error("cannot mark run {} incomplete: {}", run.runId, e.getMessage());
            }
        }
    }

    /** Core §15 step 4: every run still open (its owner gone or not) ends {@code daemon_shutdown}. */
    public void shutdown() {
        for (Run run : runs.values()) {
            endIncomplete(run, runOwner(run), "daemon_shutdown");
        }
    }

    private static ClientSession runOwner(Run run) {
        synchronized (run) {
            return run.owner;
        }
    }

    // ---- authorization (runs §2) ----------------------------------------------------------------

    private static boolean mayRead(ClientSession session, String agentId) {
        Principal principal = session.principal();
        return principal != null && (principal.host() || agentId.equals(principal.agentId()));
    }

    private static boolean mayRead(ClientSession session, Run run) {
        return mayRead(session, run.agentId) || (run.synthesized() && run.owner == session);
    }

    private static boolean mayWrite(ClientSession session, Run run) {
        Principal principal = session.principal();
        return (principal != null && run.agentId.equals(principal.agentId())) || (run.synthesized() && run.owner == session);
    }

    private static boolean mayComplete(ClientSession session, Run run) {
        Principal principal = session.principal();
        return (principal != null && run.agentId.equals(principal.agentId())) || run.owner == session;
    }

    private static RpcException notAuthorized(String agentId) {
        return RpcException.internal("not authorized for agent '" + agentId + "'");
    }

    private ConnectionRuns connection(ClientSession session) {
        return connections.computeIfAbsent(session, ignored -> new ConnectionRuns());
    }

    /** {@code slug(s)} of the core conventions. */
    static String slug(String text) {
        String slug = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 96) {
            slug = slug.substring(0, 96);
        }
        return slug.isEmpty() ? "fact" : slug;
    }
}
