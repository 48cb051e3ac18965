package dev.agentd.daemon.runs;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static dev.agentd.daemon.runs.AgentConnections.TIMEOUT;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import dev.agentd.protocol.client.RpcNotification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** runs.* through the public protocol with several connections (runs §6). */
class RunsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final AtomicInteger IDS = new AtomicInteger();
    private String agent;
    private RpcClient admin;
    private RpcClient bound;

    @BeforeEach
    void setUp() {
        agent = "trader-" + IDS.incrementAndGet();
        admin = agentd.connect();
        AgentConnections.register(admin, agent);
        bound = AgentConnections.bind(agentd::open, agentd.root(), agent);
    }

    private static JsonNode call(RpcClient client, String method, Object params) {
        return client.call(method, params, TIMEOUT);
    }

    private String startRun(RpcClient client) {
        return call(client, "runs.start", Map.of("intent", "rebalance portfolio")).get("run_id").asText();
    }

    private static ObjectNode turns(int count) {
        ObjectNode params = Json.mapper().createObjectNode();
        ArrayNode turns = params.putArray("turns");
        for (int i = 0; i < count; i++) {
            turns.addObject().put("prompt", "step " + i);
        }
        return params;
    }

    private static ObjectNode turnsFor(String runId, int count) {
        return turns(count).put("run_id", runId);
    }

    private List<JsonNode> fileRecords(String agentId, String runId) throws Exception {
        Path file = agentd.root().resolve("runs").resolve(agentId).resolve(runId + ".jsonl");
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(Json.mapper().readTree(line));
        }
        return records;
    }

    /** Check 1. */
    @Test
    void startOnABoundConnectionWritesTheStartedLineBeforeReplying() throws Exception {
        JsonNode result = call(bound, "runs.start", Map.of("intent", "rebalance portfolio"));
        String runId = result.get("run_id").asText();
        assertThat(runId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThatJson(result).isEqualTo("{\"run_id\":\"" + runId + "\",\"agent_id\":\"" + agent + "\"}");
        Path file = agentd.root().resolve("runs/" + agent + "/" + runId + ".jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<JsonNode> records = fileRecords(agent, runId);
        assertThat(records).hasSize(1);
        assertThatJson(records.get(0)).isObject().containsEntry("record", "started").containsEntry("run_id", runId)
                .containsEntry("agent_id", agent).containsEntry("intent", "rebalance portfolio").containsKey("started_at");
    }

    /** Check 2. */
    @Test
    void ownerAgentIsResolvedFromParamsBindingOrName() throws Exception {
        assertThat(call(admin, "runs.start", Map.of("intent", "x", "agent_id", "explicit")).get("agent_id").asText())
                .isEqualTo("explicit");
        JsonNode named = call(admin, "runs.start", Map.of("intent", "x", "agent_name", "Eval Runner"));
        assertThat(named.get("agent_id").asText()).isEqualTo("name:eval-runner");
        assertThat(agentd.root().resolve("runs/name%3aeval-runner/" + named.get("run_id").asText() + ".jsonl")).exists();
        assertRpcError(() -> call(admin, "runs.start", Map.of("intent", "x")), -32602,
                "invalid params: runs.start needs an agent identity (agent_id or agent_name)");
        assertRpcError(() -> call(bound, "runs.start", Map.of("intent", "x", "agent_id", "b")), -32603,
                "not authorized for agent 'b'");
        assertRpcErrorStartsWith(() -> call(bound, "runs.start", Map.of()), -32602, "invalid params: ");
        assertRpcErrorStartsWith(() -> call(bound, "runs.start", Map.of("intent", "")), -32602, "invalid params: ");
    }

    /** Check 3. */
    @Test
    void idempotentStartsShareOneRunAndConflictAcrossAgents() throws Exception {
        String key = "key-" + agent;
        String first = call(bound, "runs.start", Map.of("intent", "x", "idempotency_key", key)).get("run_id").asText();
        assertThat(first).isEqualTo(key);
        assertThat(call(bound, "runs.start", Map.of("intent", "x", "idempotency_key", key)).get("run_id").asText())
                .isEqualTo(key);
        assertRpcError(() -> call(admin, "runs.start", Map.of("intent", "x", "agent_id", "other", "idempotency_key", key)),
                -32603, "run id conflict: '" + key + "'");

        String racedKey = "race-" + agent;
        String racer = agent + "-racer";
        List<CompletableFuture<JsonNode>> starts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            starts.add(agentd.connect().callAsync("runs.start",
                    Map.of("intent", "x", "agent_id", racer, "idempotency_key", racedKey)));
        }
        starts.forEach(start -> assertThat(start.join().get("run_id").asText()).isEqualTo(racedKey));
        try (var files = Files.list(agentd.root().resolve("runs/" + racer))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    /** Check 4. */
    @Test
    void turnsGetDaemonStampedIndices() throws Exception {
        String runId = startRun(bound);
        ObjectNode first = turnsFor(runId, 3);
        ((ObjectNode) first.get("turns").get(0)).put("index", -1);
        ((ObjectNode) first.get("turns").get(1)).put("index", "x");
        ((ObjectNode) first.get("turns").get(2)).put("index", 2.5);
        assertThatJson(call(bound, "runs.record_turns", first))
                .isEqualTo("{\"run_id\":\"" + runId + "\",\"base_index\":0,\"count\":3,\"ok\":true}");
        assertThat(call(bound, "runs.record_turns", turnsFor(runId, 2)).get("base_index").asInt()).isEqualTo(3);
        List<JsonNode> records = fileRecords(agent, runId);
        assertThat(records.subList(1, 6)).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2, 3, 4);
        assertThat(records.get(1).get("verifier_verdict").asText()).isEqualTo("not_run");
    }

    /** Check 5. */
    @Test
    void turnsFromConnectionsNotBoundToTheAgentAreDroppedUniformly() throws Exception {
        String runId = startRun(bound);
        AgentConnections.register(admin, agent + "-other");
        RpcClient other = AgentConnections.bind(agentd::open, agentd.root(), agent + "-other");
        for (RpcClient intruder : List.of(agentd.connectHost(), admin, other)) {
            assertThatJson(call(intruder, "runs.record_turns", turnsFor(runId, 1))).isEqualTo(
                    "{\"run_id\":\"" + runId + "\",\"base_index\":0,\"count\":0,\"ok\":false,\"dropped\":\"run_not_found\"}");
        }
        assertThat(call(bound, "runs.record_turns", turnsFor("no-such-run", 1)).get("dropped").asText())
                .isEqualTo("run_not_found");
        assertThat(fileRecords(agent, runId)).hasSize(1);
    }

    /** Check 6. */
    @Test
    void malformedBatchesGetTheFixedMessageAndAppendNothing() throws Exception {
        String runId = startRun(bound);
        List<Object> invalid = List.of(
                Map.of("run_id", runId, "turns", List.of()),
                Map.of("run_id", runId),
                turnsFor(runId, 257),
                Map.of("run_id", "", "turns", List.of(Map.of())),
                Map.of("run_id", runId, "turns", List.of("x")),
                Map.of("run_id", runId, "turns", List.of(Map.of("prompt", 5))));
        for (Object params : invalid) {
            assertRpcError(() -> call(bound, "runs.record_turns", params), -32602,
                    "runs.record_turns requires { run_id, turns: [RunTurn] }");
        }
        assertThat(fileRecords(agent, runId)).hasSize(1);
    }

    /** Check 7. */
    @Test
    void oversizedTurnsAreTruncatedOrDropped() throws Exception {
        String runId = startRun(bound);
        ObjectNode big = turnsFor(runId, 1);
        ((ObjectNode) big.get("turns").get(0)).put("prompt", "p".repeat(300_000));
        call(bound, "runs.record_turns", big);
        String stored = fileRecords(agent, runId).get(1).get("prompt").asText();
        assertThat(stored).isEqualTo("p".repeat(16_384) + "…[truncated]");

        ObjectNode wide = turnsFor(runId, 1);
        ObjectNode turn = (ObjectNode) wide.get("turns").get(0);
        turn.put("prompt", "short").put("output", "short");
        ObjectNode parameters = turn.putObject("parameters");
        for (int i = 0; i < 40; i++) {
            parameters.put("p" + i, "v".repeat(10_000));
        }
        call(bound, "runs.record_turns", wide);
        JsonNode marked = fileRecords(agent, runId).get(2);
        for (String field : List.of("prompt", "output", "parameters")) {
            assertThat(marked.get(field).asText()).isEqualTo("…[truncated: turn exceeded 256 KiB]");
        }

        ObjectNode hopeless = turnsFor(runId, 1);
        ((ObjectNode) hopeless.get("turns").get(0)).putObject("cli_outcome").put("log", "c".repeat(300_000));
        assertThat(call(bound, "runs.record_turns", hopeless).get("dropped").asText()).isEqualTo("turn_too_large");
        Path file = agentd.root().resolve("runs/" + agent + "/" + runId + ".jsonl");
        for (String line : Files.readAllLines(file)) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1).isLessThanOrEqualTo(262_144);
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    /** Check 8. */
    @Test
    void aRunNeverExceeds2000Turns() throws Exception {
        String runId = startRun(bound);
        for (int i = 0; i < 7; i++) {
            call(bound, "runs.record_turns", turnsFor(runId, 256));
        }
        call(bound, "runs.record_turns", turnsFor(runId, 1999 - 7 * 256));
        assertThat(call(bound, "runs.record_turns", turnsFor(runId, 2)).get("dropped").asText()).isEqualTo("run_turn_limit");
        assertThat(call(bound, "runs.record_turns", turnsFor(runId, 1)).get("ok").asBoolean()).isTrue();
        List<CompletableFuture<JsonNode>> pipelined = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pipelined.add(bound.callAsync("runs.record_turns", turnsFor(runId, 1)));
        }
        pipelined.forEach(reply -> assertThat(reply.join().get("dropped").asText()).isEqualTo("run_turn_limit"));
        assertThat(fileRecords(agent, runId)).hasSize(2001);
    }

    /** Checks 9 and 10. */
    @Test
    void completeOnceThenTerminal() throws Exception {
        String runId = startRun(bound);
        Map<String, Object> outcome = Map.of("status", "partial", "summary", "2 of 3");
        assertThatJson(call(bound, "runs.complete", Map.of("run_id", runId, "outcome", outcome)))
                .isEqualTo("{\"run_id\":\"" + runId + "\",\"ok\":true}");
        assertRpcError(() -> call(bound, "runs.complete", Map.of("run_id", runId, "outcome", outcome)), -32603,
                "run already ended: '" + runId + "' (completed)");
        assertRpcError(() -> call(bound, "runs.complete", Map.of("run_id", "nope", "outcome", outcome)), -32603,
                "run not found: 'nope'");
        assertThat(call(bound, "runs.record_turns", turnsFor(runId, 1)).get("dropped").asText()).isEqualTo("run_terminal");
        JsonNode ended = fileRecords(agent, runId).get(1);
        assertThatJson(ended).isObject().containsEntry("record", "ended").containsEntry("status", "completed")
                .containsEntry("turn_count", 0);
        assertThatJson(ended.get("outcome")).isEqualTo(outcome);
        String another = startRun(bound);
        assertRpcErrorStartsWith(() -> call(bound, "runs.complete", Map.of("run_id", another, "outcome", Map.of("summary", "x"))),
                -32602, "invalid params: ");
    }

    /** Check 11. */
    @Test
    void subscribeSnapshotThenLiveEventsForEverySubscriber() throws Exception {
        String runId = startRun(bound);
        call(bound, "runs.record_turns", turnsFor(runId, 7));
        BlockingQueue<JsonNode> first = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> second = new LinkedBlockingQueue<>();
        RpcClient host1 = agentd.connectHost();
        RpcClient host2 = agentd.connectHost();
        host1.onNotification(collect(first));
        host2.onNotification(collect(second));
        JsonNode snapshot = call(host1, "runs.subscribe", Map.of("run_id", runId));
        call(host2, "runs.subscribe", Map.of("run_id", runId));
        assertThat(snapshot.get("cursor").asInt()).isEqualTo(7);
        assertThat(snapshot.get("turns_so_far")).hasSize(7);
        assertThat(snapshot.get("status").asText()).isEqualTo("in_progress");
        call(bound, "runs.record_turns", turnsFor(runId, 1));
        for (BlockingQueue<JsonNode> events : List.of(first, second)) {
            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThatJson(event).isObject().containsEntry("run_id", runId).containsEntry("agent_id", agent)
                    .containsEntry("cursor", 8).containsEntry("status", "in_progress");
            assertThat(event.at("/record/index").asInt()).isEqualTo(7);
        }
        assertThat(first.poll(300, TimeUnit.MILLISECONDS)).as("no duplicate").isNull();
    }

    private static Consumer<RpcNotification> collect(BlockingQueue<JsonNode> events) {
        return notification -> {
            if (notification.method().equals("runs.trace.event")) {
                events.add(notification.params());
            }
        };
    }

    /** Check 12: snapshot + events hold every index exactly once while turns race the subscribe. */
    @Test
    void subscribingDuringConcurrentAppendsLosesAndDuplicatesNothing() throws Exception {
        for (int round = 0; round < 100; round++) {
            String runId = startRun(bound);
            RpcClient subscriber = agentd.connectHost();
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            subscriber.onNotification(n -> {
                if (n.method().equals("runs.trace.event") && n.params().at("/record/record").asText().equals("turn")) {
                    seen.add(n.params().at("/record/index").asInt());
                }
            });
            List<CompletableFuture<JsonNode>> appends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                appends.add(bound.callAsync("runs.record_turns", turnsFor(runId, 1)));
                if (i == 25) {
                    JsonNode snapshot = call(subscriber, "runs.subscribe", Map.of("run_id", runId));
                    snapshot.get("turns_so_far").forEach(t -> seen.add(t.get("index").asInt()));
                }
            }
            appends.forEach(CompletableFuture::join);
            await().atMost(TIMEOUT).until(() -> seen.size() >= 50);
            assertThat(new ArrayList<>(seen)).as("round " + round).hasSize(50).doesNotHaveDuplicates();
            subscriber.close();
        }
    }

    /** Check 14 (plus the host and owner cases). */
    @Test
    void readsAreAuthorizedBeforeAnyFileIsOpened() throws Exception {
        String runId = startRun(bound);
        AgentConnections.register(admin, agent + "-y");
        RpcClient other = AgentConnections.bind(agentd::open, agentd.root(), agent + "-y");
        List<Path> opened = new CopyOnWriteArrayList<>();
        agentd.daemon().testHooks().arm(TestHooks.RUNS_STORE_OPEN_LOG, (Consumer<Path>) opened::add);
        try {
            for (RpcClient intruder : List.of(admin, other)) {
                String denied = "not authorized for agent '" + agent + "'";
                assertRpcError(() -> call(intruder, "runs.subscribe", Map.of("run_id", runId)), -32603, denied);
                assertRpcError(() -> call(intruder, "runs.list", Map.of("agent_id", agent)), -32603, denied);
                assertRpcError(() -> call(intruder, "runs.get_trace", Map.of("run_id", runId)), -32603, denied);
            }
            assertThat(opened).noneMatch(path -> path.toString().contains(agent + "/") || path.endsWith(agent));
        } finally {
            agentd.daemon().testHooks().disarm(TestHooks.RUNS_STORE_OPEN_LOG);
        }
        RpcClient host = agentd.connectHost();
        assertThat(call(host, "runs.get_trace", Map.of("run_id", runId)).get("records")).hasSize(1);
        assertThat(call(host, "runs.list", Map.of("agent_id", agent)).get("runs")).hasSize(1);
        assertThat(call(bound, "runs.list", Map.of("agent_id", agent)).get("runs")).hasSize(1);
    }

    /** Check 15. */
    @Test
    void unsubscribeStopsEvents() throws Exception {
        String runId = startRun(bound);
        RpcClient host = agentd.connectHost();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        host.onNotification(collect(events));
        call(host, "runs.subscribe", Map.of("run_id", runId));
        assertThatJson(call(host, "runs.unsubscribe", Map.of("run_id", runId)))
                .isEqualTo("{\"run_id\":\"" + runId + "\",\"removed\":true}");
        assertThat(call(host, "runs.unsubscribe", Map.of("run_id", runId)).get("removed").asBoolean()).isFalse();
        call(bound, "runs.record_turns", turnsFor(runId, 1));
        assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    /** Check 17. */
    @Test
    void getTraceReadsFromACursorAndMatchesTheLiveStream() throws Exception {
        String runId = startRun(bound);
        RpcClient host = agentd.connectHost();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        host.onNotification(collect(events));
        call(host, "runs.subscribe", Map.of("run_id", runId));
        call(bound, "runs.record_turns", turnsFor(runId, 2));
        call(bound, "runs.complete", Map.of("run_id", runId, "outcome", Map.of("status", "success")));
        List<JsonNode> streamed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            streamed.add(events.poll(10, TimeUnit.SECONDS).get("record"));
        }
        JsonNode all = call(host, "runs.get_trace", Map.of("run_id", runId));
        assertThat(all.get("records")).hasSize(4);
        assertThat(all.get("cursor").asInt()).isZero();
        List<JsonNode> stored = new ArrayList<>();
        all.get("records").forEach(stored::add);
        assertThat(stored.subList(1, 4)).isEqualTo(streamed);
        assertThat(call(host, "runs.get_trace", Map.of("run_id", runId, "cursor", 1)).get("records")).hasSize(3);
        assertThat(call(host, "runs.get_trace", Map.of("run_id", runId, "cursor", 9)).get("records")).isEmpty();
        assertThatJson(call(host, "runs.get_trace", Map.of("run_id", "nope")))
                .isEqualTo("{\"run_id\":\"nope\",\"not_found\":true}");
    }

    /** Check 24. */
    @Test
    void agentIdsCannotEscapeTheRunsDirectory() throws Exception {
        JsonNode run = call(admin, "runs.start", Map.of("intent", "x", "agent_id", "../x"));
        Path file = agentd.root().resolve("runs/%2e.%2fx/" + run.get("run_id").asText() + ".jsonl");
        assertThat(file).exists();
        assertThat(agentd.root().resolve("x")).doesNotExist();
    }

    /** Check 25. */
    @Test
    void oversizedIntentAndOutcomeAreRefusedAndTheRunStaysUsable() throws Exception {
        assertRpcErrorStartsWith(() -> call(bound, "runs.start", Map.of("intent", "i".repeat(16_385))), -32602,
                "invalid params: ");
        String runId = startRun(bound);
        assertRpcErrorStartsWith(() -> call(bound, "runs.complete",
                Map.of("run_id", runId, "outcome", Map.of("status", "success", "blob", "b".repeat(300 * 1024)))),
                -32602, "invalid params: ");
        assertThat(call(bound, "runs.record_turns", turnsFor(runId, 1)).get("ok").asBoolean()).isTrue();
        assertThat(call(bound, "runs.complete", Map.of("run_id", runId, "outcome", Map.of("status", "success")))
                .get("ok").asBoolean()).isTrue();
    }

    /** Check 26, same-daemon part (the reconnect part is in RunsLifecycleE2ETest). */
    @Test
    void synthesizedRunsBelongToTheirOwnerConnection() throws Exception {
        RpcClient owner = agentd.connect();
        RpcClient stranger = agentd.connect();
        JsonNode run = call(owner, "runs.start", Map.of("intent", "x", "agent_name", "Solo " + agent));
        String runId = run.get("run_id").asText();
        String agentId = run.get("agent_id").asText();
        assertThat(call(owner, "runs.record_turns", turnsFor(runId, 1)).get("ok").asBoolean()).isTrue();
        assertThat(call(owner, "runs.get_trace", Map.of("run_id", runId)).get("records")).hasSize(2);
        assertThat(call(owner, "runs.subscribe", Map.of("run_id", runId)).get("cursor").asInt()).isEqualTo(1);
        assertThat(call(stranger, "runs.record_turns", turnsFor(runId, 1)).get("dropped").asText()).isEqualTo("run_not_found");
        assertRpcError(() -> call(stranger, "runs.get_trace", Map.of("run_id", runId)), -32603,
                "not authorized for agent '" + agentId + "'");
        assertRpcError(() -> call(stranger, "runs.complete", Map.of("run_id", runId, "outcome", Map.of("status", "x"))),
                -32603, "run not found: '" + runId + "'");
    }

    /** Check 27. */
    @Test
    void withoutRunIdTheCurrentRunIsUsed() throws Exception {
        assertRpcError(() -> call(bound, "runs.record_turns", turns(1)), -32602,
                "runs.record_turns requires { run_id, turns: [RunTurn] }");
        String runId = startRun(bound);
        assertThat(call(bound, "runs.record_turns", turns(2)).get("run_id").asText()).isEqualTo(runId);
        assertThat(call(bound, "runs.complete", Map.of("outcome", Map.of("status", "success"))).get("run_id").asText())
                .isEqualTo(runId);
        assertRpcError(() -> call(bound, "runs.record_turns", turns(1)), -32602,
                "runs.record_turns requires { run_id, turns: [RunTurn] }");
        assertRpcErrorStartsWith(() -> call(bound, "runs.complete", Map.of("outcome", Map.of("status", "success"))),
                -32602, "invalid params: ");
    }

    /** Check 28. */
    @Test
    void idempotencyKeysAreBoundedByTheirEncodedLength() {
        assertRpcErrorStartsWith(() -> call(bound, "runs.start", Map.of("intent", "x", "idempotency_key", "A".repeat(128))),
                -32602, "invalid params: ");
        String key = "B".repeat(66);
        assertThat(call(bound, "runs.start", Map.of("intent", "x", "idempotency_key", key)).get("run_id").asText())
                .isEqualTo(key);
    }
}
