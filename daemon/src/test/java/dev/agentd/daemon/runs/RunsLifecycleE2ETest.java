package dev.agentd.daemon.runs;

import static dev.agentd.daemon.runs.AgentConnections.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.DaemonProcess;
import dev.agentd.daemon.RawFrames;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs across disconnects, restarts and crashes (runs §4, §5; checks 13, 16, 18–23, 26). */
class RunsLifecycleE2ETest {
    private static final Duration GRACE = Duration.ofSeconds(1);

    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder()
            .configure(config -> config.withRunGrace(GRACE))
            .build();

    private static JsonNode call(RpcClient client, String method, Object params) {
        return client.call(method, params, TIMEOUT);
    }

    private static ObjectNode turns(String runId, int count, int bytesPerTurn) {
        ObjectNode params = Json.mapper().createObjectNode().put("run_id", runId);
        ArrayNode turns = params.putArray("turns");
        for (int i = 0; i < count; i++) {
            ObjectNode turn = turns.addObject().put("prompt", "step " + i);
            int remaining = bytesPerTurn;
            ObjectNode parameters = turn.putObject("parameters");
            for (int k = 0; remaining > 0; k++) {
                int size = Math.min(remaining, 16_000);
                parameters.put("p" + k, "v".repeat(size));
                remaining -= size;
            }
        }
        return params;
    }

    private JsonNode lastRecord(String agentId, String runId) throws Exception {
        List<String> lines = Files.readAllLines(agentd.root().resolve("runs/" + agentId + "/" + runId + ".jsonl"));
        return Json.mapper().readTree(lines.get(lines.size() - 1));
    }

    private RpcClient bound(String agentId) {
        return AgentConnections.bind(agentd::open, agentd.root(), agentId);
    }

    /** Check 18. */
    @Test
    void ownerDisconnectEndsTheRunIncompleteAfterTheGrace() throws Exception {
        RpcClient admin = agentd.connect();
        AgentConnections.register(admin, "trader");
        RpcClient owner = bound("trader");
        String runId = call(owner, "runs.start", Map.of("intent", "x")).get("run_id").asText();
        RpcClient host = agentd.connectHost();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        host.onNotification(n -> events.add(n.params()));
        call(host, "runs.subscribe", Map.of("run_id", runId));
        long closedAt = System.nanoTime();
        owner.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        Duration waited = Duration.ofNanos(System.nanoTime() - closedAt);
        assertThat(waited).isBetween(GRACE.minusMillis(300), GRACE.plusSeconds(2));
        JsonNode ended = events.get(0);
        assertThat(ended.get("status").asText()).isEqualTo("incomplete");
        assertThat(ended.at("/record/incomplete/reason").asText()).isEqualTo("connection_closed");
        assertThat(lastRecord("trader", runId).at("/incomplete/reason").asText()).isEqualTo("connection_closed");
    }

    /** Check 19. */
    @Test
    void completeFromANewBoundConnectionDuringTheGraceWins() throws Exception {
        AgentConnections.register(agentd.connect(), "trader");
        RpcClient owner = bound("trader");
        String runId = call(owner, "runs.start", Map.of("intent", "x")).get("run_id").asText();
        owner.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try {
                call(bound("trader"), "runs.complete", Map.of("run_id", runId, "outcome", Map.of("status", "success")));
                return true;
            } catch (RuntimeException stillAttached) {
                return false;
            }
        });
        Thread.sleep(GRACE.plusMillis(500).toMillis()); // let the old grace timer's moment pass
        List<String> lines = Files.readAllLines(agentd.root().resolve("runs/trader/" + runId + ".jsonl"));
        assertThat(lines).hasSize(2).noneMatch(line -> line.contains("incomplete"));
    }

    /** Check 20, and check 26's reconnect part for a synthesized agent. */
    @Test
    void adoptionByIdempotentStartCancelsTheGraceAndAStartsANewOneOnClose() throws Exception {
        RpcClient owner = agentd.connect();
        Map<String, Object> start = Map.of("intent", "x", "agent_name", "Eval Runner", "idempotency_key", "nightly");
        call(owner, "runs.start", start);
        call(owner, "runs.record_turns", turns("nightly", 1, 10));
        owner.close();
        RpcClient adopter = agentd.connect();
        assertThat(call(adopter, "runs.start", start).get("run_id").asText()).isEqualTo("nightly");
        Thread.sleep(GRACE.plusMillis(500).toMillis());
        assertThat(call(adopter, "runs.record_turns", turns("nightly", 1, 10)).get("ok").asBoolean()).isTrue();
        assertThat(lastRecord("name%3aeval-runner", "nightly").get("record").asText()).isEqualTo("turn");
        adopter.close();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                lastRecord("name%3aeval-runner", "nightly").at("/incomplete/reason").asText().equals("connection_closed"));

        RpcClient second = agentd.connect();
        Map<String, Object> other = Map.of("intent", "y", "agent_name", "Eval Runner", "idempotency_key", "weekly");
        call(second, "runs.start", other);
        second.close();
        RpcClient adopter2 = agentd.connect();
        call(adopter2, "runs.start", other);
        assertThat(call(adopter2, "runs.complete", Map.of("run_id", "weekly", "outcome", Map.of("status", "success")))
                .get("ok").asBoolean()).isTrue();
    }

    /** Check 16 and check 22 (graceful shutdown marks open runs at once). */
    @Test
    void listAfterARestartAndShutdownMarkers() throws Exception {
        AgentConnections.register(agentd.connect(), "trader");
        RpcClient agent = bound("trader");
        String done = call(agent, "runs.start", Map.of("intent", "first")).get("run_id").asText();
        call(agent, "runs.record_turns", turns(done, 2, 10));
        call(agent, "runs.complete", Map.of("run_id", done, "outcome", Map.of("status", "success")));
        Thread.sleep(5); // distinct started_at
        String open = call(agent, "runs.start", Map.of("intent", "second")).get("run_id").asText();
        call(agent, "runs.record_turns", turns(open, 3, 10));
        agentd.restart();
        assertThat(lastRecord("trader", open).at("/incomplete/reason").asText()).isEqualTo("daemon_shutdown");
        JsonNode list = call(agentd.connectHost(), "runs.list", Map.of("agent_id", "trader"));
        JsonNode runs = list.get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("run_id").asText()).isEqualTo(open);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("incomplete");
        assertThat(runs.get(0).get("turn_count").asInt()).isEqualTo(3);
        assertThat(runs.get(1).get("status").asText()).isEqualTo("completed");
        assertThat(runs.get(1).get("turn_count").asInt()).isEqualTo(2);
        assertThat(runs.get(1).has("ended_at")).isTrue();
        assertThat(call(agentd.connectHost(), "runs.list", Map.of("agent_id", "nobody")).get("runs")).isEmpty();
    }

    /** Check 13: a subscriber that never reads cannot slow the recorder or anyone else. */
    @Test
    void aSubscriberThatNeverReadsDoesNotBlockAppends() throws Exception {
        AgentConnections.register(agentd.connect(), "trader");
        RpcClient agent = bound("trader");
        String runId = call(agent, "runs.start", Map.of("intent", "x")).get("run_id").asText();
        try (RawFrames stalled = RawFrames.open(URI.create(agentd.httpBase().toString()))) {
            send(stalled, 1, "session.auth", Map.of("host_token", agentd.hostToken()));
            send(stalled, 2, "runs.subscribe", Map.of("run_id", runId));
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertThat(call(agent, "runs.record_turns", turns(runId, 100, 30_000)).get("ok").asBoolean()).isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("1000 turns appended").isLessThan(Duration.ofSeconds(20));
            assertThat(call(agentd.connect(), "server.handshake", Map.of("protocol_version", 2)).get("protocol_version").asInt())
                    .isEqualTo(2);
            List<Integer> cursors = new CopyOnWriteArrayList<>();
            List<JsonNode> replies = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> readUntilClosed(stalled, cursors, replies), "stalled-reader");
            reader.setDaemon(true);
            reader.start();
            // the queue overflowed while nobody read; once the backlog has been read, new events flow again
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> !cursors.isEmpty() && seen.getAndSet(cursors.size()) == cursors.size());
            call(agent, "runs.record_turns", turns(runId, 1, 10));
            await().atMost(TIMEOUT).until(() -> cursors.contains(1001));
            boolean jumped = false;
            for (int i = 1; i < cursors.size(); i++) {
                jumped |= cursors.get(i) != cursors.get(i - 1) + 1;
            }
            assertThat(jumped).as("events were dropped for the stalled subscriber").isTrue();
            send(stalled, 3, "runs.subscribe", Map.of("run_id", runId));
            await().atMost(TIMEOUT).until(() -> replies.stream().anyMatch(reply -> reply.path("id").asInt() == 3));
            JsonNode again = replies.stream().filter(reply -> reply.path("id").asInt() == 3).findFirst().orElseThrow();
            assertThat(again.at("/result/cursor").asInt()).isEqualTo(1001);
            JsonNode snapshot = again.at("/result/turns_so_far");
            assertThat(snapshot.get(snapshot.size() - 1).get("index").asInt()).isEqualTo(1000);
        }
    }

    private static void readUntilClosed(RawFrames frames, List<Integer> cursors, List<JsonNode> replies) {
        try {
            while (true) {
                JsonNode message = Json.mapper().readTree(frames.readFrame().text());
                if ("runs.trace.event".equals(message.path("method").asText())) {
                    cursors.add(message.at("/params/cursor").asInt());
                } else {
                    replies.add(message);
                }
            }
        } catch (Exception closed) {
            // the test is over and closed the socket
        }
    }

    private static void send(RawFrames frames, int id, String method, Object params) throws Exception {
        ObjectNode request = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", Json.mapper().valueToTree(params));
        frames.sendFrame(true, RawFrames.OPCODE_TEXT, request.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Checks 21 and 23: kill -9 with open runs; every acknowledged turn survives; torn tails are cut. */
    @Test
    void acknowledgedTurnsSurviveAKillAndOpenRunsEndWithDaemonRestart(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("home");
        List<String> agents = List.of("a1", "a2", "a3", "a4");
        List<String> runIds = new ArrayList<>();
        int[] acknowledged = new int[agents.size()];
        try (DaemonProcess daemon = DaemonProcess.start(root)) {
            RpcClient admin = AgentdConnector.connect(daemon.wsUri(), Credential.daemonToken(daemon.authToken(), "t"),
                    null, TIMEOUT);
            agents.forEach(id -> AgentConnections.register(admin, id));
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int a = 0; a < agents.size(); a++) {
                RpcClient agent = AgentConnections.bind(daemon.wsUri(), root, agents.get(a));
                String runId = call(agent, "runs.start", Map.of("intent", "soak")).get("run_id").asText();
                runIds.add(runId);
                int index = a;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int batch = 0; batch < 250; batch++) {
                        call(agent, "runs.record_turns", turns(runId, 1, 10));
                        acknowledged[index]++;
                    }
                }));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
            daemon.kill();
        }
        Path torn = root.resolve("runs/a1/" + runIds.get(0) + ".jsonl");
        Files.writeString(torn, "{\"record\":\"turn\",\"index\":99", StandardOpenOption.APPEND);
        try (DaemonProcess daemon = DaemonProcess.start(root)) {
            RpcClient host = AgentdConnector.connect(daemon.wsUri(),
                    Credential.hostToken(Files.readString(root.resolve("host-token")).strip(), "t"), null, TIMEOUT);
            for (int a = 0; a < agents.size(); a++) {
                JsonNode summary = call(host, "runs.list", Map.of("agent_id", agents.get(a))).get("runs").get(0);
                assertThat(summary.get("status").asText()).isEqualTo("incomplete");
                assertThat(summary.get("turn_count").asInt()).isEqualTo(acknowledged[a]);
                JsonNode trace = call(host, "runs.get_trace", Map.of("run_id", runIds.get(a)));
                JsonNode records = trace.get("records");
                assertThat(records.get(records.size() - 1).at("/incomplete/reason").asText()).isEqualTo("daemon_restart");
            }
            assertThat(Files.readString(torn)).doesNotContain("\"index\":99}").doesNotContain("\"index\":99\n")
                    .endsWith("\n");
        }
    }
}
