package dev.agentd.daemon.agents;

import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.DaemonProcess;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import dev.agentd.daemon.testing.TestHooks;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Supervisor checks that need their own daemon: restarts, crashes, orphans (agents §8). */
class AgentsRecoveryE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private AgentScripts scripts;

    @BeforeEach
    void setUp() throws Exception {
        scripts = AgentScripts.create();
    }

    private static ObjectNode spec(String id, Path script) {
        ObjectNode spec = Json.mapper().createObjectNode().put("id", id).put("command", "/bin/sh");
        spec.putArray("args").add(script.toString());
        return spec;
    }

    private static JsonNode row(RpcClient client, String id) {
        for (JsonNode row : client.call("agents.list", null, TIMEOUT)) {
            if (row.at("/spec/id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + id);
    }

    /** Check 22: auto_start agents run after start-up; the others stay stopped. */
    @Test
    void autoStartAgentsRunAfterARestart() throws Exception {
        RpcClient client = agentd.connect();
        client.call("agents.upsert", spec("auto", scripts.sleeper()).put("auto_start", true), TIMEOUT);
        client.call("agents.upsert", spec("manual", scripts.sleeper()), TIMEOUT);
        assertThat(row(client, "auto").get("status").asText()).isEqualTo("stopped");
        agentd.restart();
        RpcClient after = agentd.connect();
        await().atMost(TIMEOUT).until(() -> row(after, "auto").get("status").asText().equals("running"));
        assertThat(row(after, "manual").get("status").asText()).isEqualTo("stopped");
    }

    /** Check 23 (in-process form of the shutdown sequence; the SIGTERM itself is a CLI test). */
    @Test
    void shutdownStopsEveryChildAndRemovesThePidFiles() throws Exception {
        RpcClient client = agentd.connect();
        client.call("agents.upsert", spec("polite", scripts.sleeper()), TIMEOUT);
        client.call("agents.upsert", spec("stubborn", scripts.ignoresTerm()), TIMEOUT);
        long polite = client.call("agents.start", Map.of("id", "polite"), TIMEOUT).get("pid").asLong();
        long stubborn = client.call("agents.start", Map.of("id", "stubborn"), TIMEOUT).get("pid").asLong();
        await().atMost(TIMEOUT).until(() -> Files.readString(agentd.root().resolve("logs/stubborn.stdout.log")).contains("ready"));
        long before = System.nanoTime();
        agentd.daemon().close();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
        assertThat(ProcessHandle.of(polite).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(stubborn).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        try (var pidFiles = Files.newDirectoryStream(agentd.root().resolve("run"), "*.pid")) {
            assertThat(pidFiles).isEmpty();
        }
    }

    /** Check 24: a corrupt manifest fails agents.* only and is never rewritten. */
    @Test
    void corruptManifestFailsAgentsCallsAndIsLeftUntouched() throws Exception {
        Path manifest = agentd.root().resolve("agents.json");
        agentd.daemon().close();
        Files.writeString(manifest, "[{\"id\": \"broken\",");
        byte[] corrupt = Files.readAllBytes(manifest);
        agentd.restart();
        RpcClient client = agentd.connect();
        assertRpcErrorStartsWith(() -> client.call("agents.list", null, TIMEOUT), -32603, "agents manifest unreadable: ");
        assertRpcErrorStartsWith(() -> client.call("agents.upsert", spec("x", scripts.sleeper()), TIMEOUT), -32603,
                "agents manifest unreadable: ");
        assertThat(client.call("server.handshake", Map.of("protocol_version", 2), TIMEOUT).get("protocol_version").asInt())
                .isEqualTo(2);
        agentd.daemon().close();
        assertThat(Files.readAllBytes(manifest)).isEqualTo(corrupt);
    }

    /** Check 20: a stale pid file is deleted at start and the agent starts normally. */
    @Test
    void stalePidFilesAreDeleted() throws Exception {
        RpcClient client = agentd.connect();
        client.call("agents.upsert", spec("stale", scripts.sleeper()).put("auto_start", true), TIMEOUT);
        agentd.daemon().close();
        Path pidFile = agentd.root().resolve("run/stale.pid");
        long ownPid = ProcessHandle.current().pid(); // alive, but started at another instant
        Files.writeString(pidFile, "{\"pid\":" + ownPid + ",\"start\":\"2001-01-01T00:00:00.000Z\",\"command\":\"/bin/sh\",\"daemon_pid\":1}");
        agentd.restart();
        RpcClient after = agentd.connect();
        await().atMost(TIMEOUT).until(() -> row(after, "stale").get("status").asText().equals("running"));
        assertThat(row(after, "stale").get("pid").asLong()).isNotEqualTo(ownPid);
        after.call("agents.stop", Map.of("id", "stale"), TIMEOUT);
    }

    /**
     * Checks 19 and 21 with an orphan made by hand: a live process recorded in {@code run/<id>.pid}
     * with its real start instant, exactly what a killed daemon leaves. (The real kill -9 path is
     * {@link #killedDaemonLeavesAnOrphanThatBlocksTheAgent}.)
     */
    @Test
    void orphanBlocksTheAgentUntilItExitsThenAutoStartRuns() throws Exception {
        RpcClient client = agentd.connect();
        client.call("agents.upsert", spec("orphaned", scripts.sleeper()).put("auto_start", true), TIMEOUT);
        agentd.daemon().close();
        Process orphan = new ProcessBuilder("/bin/sh", scripts.sleeper().toString()).start();
        writePidFile("orphaned", orphan);
        agentd.restart();
        RpcClient after = agentd.connect();
        JsonNode blocked = row(after, "orphaned");
        assertThat(blocked.get("status").asText()).isEqualTo("backoff");
        assertThat(blocked.get("blocked_by_pid").asLong()).isEqualTo(orphan.pid());
        assertThat(after.call("agents.start", Map.of("id", "orphaned"), TIMEOUT).get("blocked_by_pid").asLong())
                .isEqualTo(orphan.pid());
        orphan.destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).until(() -> row(after, "orphaned").get("status").asText().equals("running"));
        assertThat(row(after, "orphaned").get("pid").asLong()).isNotEqualTo(orphan.pid());
        assertThat(row(after, "orphaned").has("blocked_by_pid")).isFalse();
        after.call("agents.stop", Map.of("id", "orphaned"), TIMEOUT);
    }

    @Test
    void stoppingABlockedAgentTerminatesTheOrphan() throws Exception {
        RpcClient client = agentd.connect();
        client.call("agents.upsert", spec("orphaned", scripts.sleeper()), TIMEOUT);
        agentd.daemon().close();
        Process orphan = new ProcessBuilder("/bin/sh", scripts.sleeper().toString()).start();
        writePidFile("orphaned", orphan);
        agentd.restart();
        RpcClient after = agentd.connect();
        assertThat(row(after, "orphaned").get("blocked_by_pid").asLong()).isEqualTo(orphan.pid());
        assertThat(after.call("agents.stop", Map.of("id", "orphaned"), TIMEOUT).get("status").asText()).isEqualTo("stopped");
        await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
        assertThat(agentd.root().resolve("run/orphaned.pid")).doesNotExist();
    }

    private void writePidFile(String id, Process process) throws Exception {
        Instant start = process.info().startInstant().orElseThrow().truncatedTo(ChronoUnit.MILLIS);
        Files.writeString(agentd.root().resolve("run/" + id + ".pid"), Json.mapper().writeValueAsString(
                Map.of("pid", process.pid(), "start", start.toString(), "command", "/bin/sh", "daemon_pid", 1)));
    }

    /** Check 19 with a real {@code kill -9} of a daemon in its own JVM. */
    @Test
    void killedDaemonLeavesAnOrphanThatBlocksTheAgent(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("home");
        long childPid;
        try (DaemonProcess daemon = DaemonProcess.start(root)) {
            try (RpcClient client = AgentdConnector.connect(daemon.wsUri(),
                    Credential.daemonToken(daemon.authToken(), "test"), null, TIMEOUT)) {
                client.call("agents.upsert", spec("survivor", scripts.sleeper()), TIMEOUT);
                childPid = client.call("agents.start", Map.of("id", "survivor"), TIMEOUT).get("pid").asLong();
            }
            daemon.kill();
        }
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        try (DaemonProcess daemon = DaemonProcess.start(root);
                RpcClient client = AgentdConnector.connect(daemon.wsUri(),
                        Credential.daemonToken(daemon.authToken(), "test"), null, TIMEOUT)) {
            JsonNode blocked = row(client, "survivor");
            assertThat(blocked.get("status").asText()).isEqualTo("backoff");
            assertThat(blocked.get("blocked_by_pid").asLong()).isEqualTo(childPid);
            assertThat(Files.readString(root.resolve("logs/daemon.log")))
                    .contains("agent 'survivor' is still running from a previous daemon (pid " + childPid + ")");
            client.call("agents.stop", Map.of("id", "survivor"), TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(childPid).isEmpty()
                    || !ProcessHandle.of(childPid).get().isAlive());
        }
    }

    /** Check 25: acknowledged upserts survive a kill -9 in the middle of 100 concurrent ones. */
    @Test
    void acknowledgedUpsertsSurviveAKillDuringConcurrentWrites(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("home");
        Path script = scripts.sleeper();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        try (DaemonProcess daemon = DaemonProcess.start(root)) {
            RpcClient client = AgentdConnector.connect(daemon.wsUri(),
                    Credential.daemonToken(daemon.authToken(), "test"), null, TIMEOUT);
            List<CompletableFuture<JsonNode>> upserts = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String id = "bulk-" + i;
                upserts.add(client.callAsync("agents.upsert", spec(id, script))
                        .whenComplete((row, error) -> {
                            if (error == null) {
                                acknowledged.add(id);
                            }
                        }));
            }
            await().atMost(TIMEOUT).until(() -> acknowledged.size() >= 20);
            daemon.kill();
        }
        JsonNode manifest = Json.mapper().readTree(Files.readAllBytes(root.resolve("agents.json")));
        List<String> stored = new java.util.ArrayList<>();
        manifest.forEach(entry -> {
            assertThat(entry.get("token").asText()).matches("[A-Za-z0-9_-]{43}");
            stored.add(entry.get("id").asText());
        });
        assertThat(stored).containsAll(acknowledged);
    }

    /** Check 8: a 50 MiB log is tailed from at most 8 MiB. */
    @Test
    void tailOfAHugeLogReadsAtMostEightMiB() throws Exception {
        RpcClient client = agentd.connect();
        client.call("agents.upsert", spec("chatty", scripts.sleeper()), TIMEOUT);
        Path log = agentd.root().resolve("logs/chatty.stdout.log");
        Files.createDirectories(log.getParent());
        byte[] line = ("x".repeat(99) + "\n").getBytes();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            byte[] block = new byte[line.length * 10_000];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            for (int i = 0; i < 50 * 1024 * 1024 / block.length + 1; i++) {
                file.write(block);
            }
        }
        List<Long> reads = new CopyOnWriteArrayList<>();
        agentd.daemon().testHooks().arm(TestHooks.TAIL_LOG_READ_LOG, (LongConsumer) reads::add);
        JsonNode tail = client.call("agents.tail_log", Map.of("id", "chatty", "n", 3), TIMEOUT);
        assertThat(tail.get("more").asBoolean()).isTrue();
        assertThat(tail.get("stdout_bytes").asLong()).isEqualTo(Files.size(log));
        assertThat(tail.get("stdout").size()).isEqualTo(3);
        assertThat(reads).isNotEmpty().allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(8L * 1024 * 1024));
    }
}
