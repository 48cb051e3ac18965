package dev.agentd.daemon.agents;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The supervisor through {@code agents.*} with real child processes (agents §8). */
class AgentsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger IDS = new AtomicInteger();
    private AgentScripts scripts;
    private RpcClient client;

    @BeforeEach
    void setUp() throws Exception {
        scripts = AgentScripts.create();
        client = agentd.connect();
    }

    private JsonNode call(String method, Object params) {
        return client.call(method, params, TIMEOUT);
    }

    private static String newId() {
        return "agent-" + IDS.incrementAndGet();
    }

    private static ObjectNode spec(String id, Path script, Object... more) {
        ObjectNode spec = Json.mapper().createObjectNode().put("id", id).put("command", "/bin/sh");
        spec.putArray("args").add(script.toString());
        for (int i = 0; i < more.length; i += 2) {
            spec.set((String) more[i], Json.mapper().valueToTree(more[i + 1]));
        }
        return spec;
    }

    private static Map<String, String> id(String id) {
        return Map.of("id", id);
    }

    private JsonNode row(String id) {
        for (JsonNode row : call("agents.list", null)) {
            if (row.at("/spec/id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + id);
    }

    private JsonNode manifestEntry(String id) throws Exception {
        for (JsonNode entry : Json.mapper().readTree(Files.readAllBytes(agentd.root().resolve("agents.json")))) {
            if (entry.get("id").asText().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError("no manifest entry for " + id);
    }

    private JsonNode awaitStatus(String id, String status) {
        return call("agents.wait", Map.of("id", id, "targets", List.of(status), "timeout_secs", 20));
    }

    /** Check 1. */
    @Test
    void upsertStoresATokenInTheManifestButNeverReturnsItOrStartsTheChild() throws Exception {
        String id = newId();
        JsonNode row = call("agents.upsert", spec(id, scripts.sleeper(), "auto_start", true, "name", "Sleeper"));
        assertThatJson(row).isEqualTo("""
                {"spec":{"id":"%s","name":"Sleeper","command":"/bin/sh","args":["%s"],"env":{},"restart":"on_failure",
                 "max_restarts":10,"backoff_secs":5,"auto_start":true,"capabilities":[]},
                 "status":"stopped","restart_count":0,"attached":false}""".formatted(id, scripts.dir().resolve("sleeper.sh")));
        Path manifest = agentd.root().resolve("agents.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest))).isEqualTo("rw-------");
        String token = manifestEntry(id).get("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(call("agents.list", null).toString()).doesNotContain(token);
        assertThat(row(id).get("status").asText()).isEqualTo("stopped");
    }

    /** Check 2: every rejection is -32602 and leaves the manifest byte-identical. */
    @Test
    void invalidSpecsAreRejectedWithoutTouchingTheManifest() throws Exception {
        call("agents.upsert", spec(newId(), scripts.sleeper()));
        Path manifest = agentd.root().resolve("agents.json");
        byte[] before = Files.readAllBytes(manifest);
        Path tmpScript = Files.createTempFile("agentd-scratch", ".sh");
        Path linkToTmp = Files.createSymbolicLink(scripts.dir().resolve("link-to-tmp"), tmpScript);
        List<ObjectNode> invalid = List.of(
                spec(newId(), scripts.sleeper()).put("command", "bin/sh"),
                spec(newId(), scripts.sleeper()).put("command", tmpScript.toString()),
                spec(newId(), scripts.sleeper()).put("command", linkToTmp.toString()),
                spec(newId(), scripts.sleeper()).put("command", "/usr"),
                spec(newId(), scripts.sleeper()).put("command", "/etc/passwd"),
                spec(newId(), scripts.sleeper()).put("command", "/no/such/file"),
                spec(newId(), scripts.sleeper()).put("command", "/usr/../bin/sh"),
                spec("a/b", scripts.sleeper()),
                spec("..", scripts.sleeper()),
                spec("x".repeat(65), scripts.sleeper()),
                spec(newId(), scripts.sleeper()).put("restart", "sometimes"),
                spec(newId(), scripts.sleeper()).put("backoff_secs", 0),
                spec(newId(), scripts.sleeper()).put("interpreter", "sh"),
                spec(newId(), scripts.sleeper()).put("token", "mine"),
                spec(newId(), scripts.sleeper(), "env", Map.of("1X", "v")));
        try {
            for (ObjectNode params : invalid) {
                assertRpcErrorStartsWith(() -> call("agents.upsert", params), -32602, "");
            }
        } finally {
            Files.deleteIfExists(tmpScript);
        }
        assertThat(Files.readAllBytes(manifest)).isEqualTo(before);
    }

    @Test
    void rejectionMessagesFollowTheSpec() throws Exception {
        Path tmpScript = Files.createTempFile("agentd-scratch", ".sh");
        try {
            assertRpcError(() -> call("agents.upsert", spec("x1", scripts.sleeper()).put("command", tmpScript.toString())),
                    -32602, "invalid command '" + tmpScript + "': under scratch directory /tmp");
        } finally {
            Files.deleteIfExists(tmpScript);
        }
        assertRpcError(() -> call("agents.upsert", spec("a/b", scripts.sleeper())),
                -32602, "invalid agent id 'a/b': must match [A-Za-z0-9._-]{1,64}");
        ObjectNode both = spec("x2", scripts.sleeper()).put("interpreter", "sh");
        assertRpcError(() -> call("agents.upsert", both), -32602,
                "invalid params: give either command or interpreter, not both");
        ObjectNode neither = spec("x3", scripts.sleeper());
        neither.remove("command");
        assertRpcError(() -> call("agents.upsert", neither), -32602, "invalid params: command is required");
    }

    /** Check 3. */
    @Test
    void interpreterIsResolvedOnPathAndFrozen() {
        String id = newId();
        ObjectNode params = spec(id, Path.of("/dev/null"));
        params.remove("command");
        params.put("interpreter", "sh");
        JsonNode row = call("agents.upsert", params);
        String command = row.at("/spec/command").asText();
        assertThat(command).startsWith("/").endsWith("/sh");
        assertThat(row.at("/spec/interpreter").isMissingNode()).isTrue();
        ObjectNode missing = spec(newId(), Path.of("/dev/null"));
        missing.remove("command");
        missing.put("interpreter", "no-such-prog");
        assertRpcError(() -> call("agents.upsert", missing), -32602,
                "invalid interpreter 'no-such-prog': not found on PATH");
    }

    /** Check 4. */
    @Test
    void reUpsertKeepsTheTokenAndRemoveThenUpsertMintsANewOne() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        String first = manifestEntry(id).get("token").asText();
        JsonNode row = call("agents.upsert", spec(id, scripts.sleeper(), "name", "Renamed"));
        assertThat(row.at("/spec/name").asText()).isEqualTo("Renamed");
        assertThat(manifestEntry(id).get("token").asText()).isEqualTo(first);
        assertThat(call("agents.remove", id(id)).get("removed").asBoolean()).isTrue();
        call("agents.upsert", spec(id, scripts.sleeper()));
        assertThat(manifestEntry(id).get("token").asText()).isNotEqualTo(first);
    }

    /** Checks 5 and 6. */
    @Test
    void startedChildSeesTheAgentEnvironmentAndStartIsIdempotent() throws Exception {
        String id = newId();
        Path envFile = scripts.dir().resolve("env.txt");
        call("agents.upsert", spec(id, scripts.dumpsEnvironment(envFile), "env", Map.of("EXTRA", "yes")));
        JsonNode row = call("agents.start", id(id));
        assertThat(row.get("status").asText()).isEqualTo("running");
        assertThat(row.get("pid").asLong()).isPositive();
        assertThat(row.get("started_at").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));
        assertThat(call("agents.start", id(id)).get("pid").asLong()).isEqualTo(row.get("pid").asLong());
        await().atMost(TIMEOUT).until(() -> Files.exists(envFile) && Files.readString(envFile).contains("EXTRA=yes"));
        String env = Files.readString(envFile);
        assertThat(env).contains("AGENTD_URL=" + agentd.wsUri())
                .contains("AGENTD_TOKEN=" + agentd.authToken())
                .contains("AGENTD_AGENT_ID=" + id)
                .contains("AGENTD_AGENT_TOKEN=" + manifestEntry(id).get("token").asText());
        call("agents.stop", id(id));
    }

    @Test
    void specEnvOverridesTheAgentVariables() throws Exception {
        String id = newId();
        Path envFile = scripts.dir().resolve("env.txt");
        call("agents.upsert", spec(id, scripts.dumpsEnvironment(envFile), "env", Map.of("AGENTD_URL", "x")));
        call("agents.start", id(id));
        await().atMost(TIMEOUT).until(() -> Files.exists(envFile) && Files.readString(envFile).contains("AGENTD_AGENT_ID"));
        assertThat(Files.readString(envFile)).contains("AGENTD_URL=x\n");
        call("agents.stop", Map.of("id", id, "signal", "kill"));
    }

    /** Check 7. */
    @Test
    void childOutputIsAppendedToItsLogsAcrossRestartsAndTailed() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.script("lines.sh",
                "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done\nwhile true; do sleep 1; done")));
        call("agents.start", id(id));
        Path stdout = agentd.root().resolve("logs/" + id + ".stdout.log");
        await().atMost(TIMEOUT).until(() -> Files.readString(stdout).contains("out5"));
        await().atMost(TIMEOUT).until(() -> Files.readString(agentd.root().resolve("logs/" + id + ".stderr.log")).contains("err5"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stdout))).isEqualTo("rw-------");
        JsonNode tail = call("agents.tail_log", Map.of("id", id, "n", 2));
        assertThatJson(tail).isObject()
                .containsEntry("lines", List.of("out4", "out5", "err4", "err5"))
                .containsEntry("stdout", List.of("out4", "out5"))
                .containsEntry("stderr", List.of("err4", "err5"))
                .containsEntry("stdout_total", 5)
                .containsEntry("more", true);
        assertThat(tail.get("stdout_bytes").asLong()).isEqualTo(Files.size(stdout));
        assertThat(tail.get("stdout_path").asText()).isEqualTo(stdout.toString());
        assertThatJson(call("agents.tail_log", Map.of("id", id, "n", 2, "offset", 2)).get("stdout"))
                .isEqualTo(List.of("out2", "out3"));
        JsonNode errOnly = call("agents.tail_log", Map.of("id", id, "n", 2, "stream", "stderr"));
        assertThatJson(errOnly.get("stdout")).isArray().isEmpty();
        assertThat(errOnly.get("stdout_bytes").asLong()).isEqualTo(Files.size(stdout));
        call("agents.restart", id(id));
        await().atMost(TIMEOUT).until(() -> Files.readString(stdout).lines().filter("out1"::equals).count() == 2);
        call("agents.stop", id(id));
    }

    @Test
    void tailLogOfAnAgentThatNeverRanIsEmpty() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        assertThatJson(call("agents.tail_log", id(id))).isObject()
                .containsEntry("lines", List.of()).containsEntry("stdout_total", 0).containsEntry("stdout_bytes", 0)
                .containsEntry("stderr_bytes", 0).containsEntry("more", false);
    }

    /** Check 9. */
    @Test
    void failingChildBacksOffThenErrorsAfterMaxRestarts() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.exits(1), "backoff_secs", 1, "max_restarts", 2));
        call("agents.start", id(id));
        JsonNode errored = call("agents.wait", Map.of("id", id, "targets", List.of("errored"), "timeout_secs", 30));
        assertThatJson(errored).isObject()
                .containsEntry("status", "errored")
                .containsEntry("restart_count", 3)
                .containsEntry("last_exit_code", 1)
                .containsEntry("last_error", "exceeded max_restarts (2)");
        long exits = Files.readString(agentd.root().resolve("logs/" + id + ".stdout.log")).lines().count();
        assertThat(exits).as("one first run and two restarts").isEqualTo(3);
    }

    /** Check 10. */
    @Test
    void restartPolicyDecidesWhatAnExitDoes() throws Exception {
        String onFailure = newId();
        call("agents.upsert", spec(onFailure, scripts.exits(0)));
        call("agents.start", id(onFailure));
        assertThatJson(awaitStatus(onFailure, "stopped")).isObject().containsEntry("last_exit_code", 0)
                .containsEntry("restart_count", 0);

        String never = newId();
        call("agents.upsert", spec(never, scripts.exits(3), "restart", "never"));
        call("agents.start", id(never));
        assertThatJson(awaitStatus(never, "stopped")).isObject().containsEntry("last_exit_code", 3);

        String always = newId();
        call("agents.upsert", spec(always, scripts.exits(0), "restart", "always", "backoff_secs", 1));
        call("agents.start", id(always));
        await().atMost(TIMEOUT).until(() -> row(always).get("restart_count").asInt() >= 1);
        call("agents.stop", id(always));
    }

    /** Check 13. */
    @Test
    void stopTermsTheTreeAndKillsWhatIgnoresIt() throws Exception {
        String polite = newId();
        call("agents.upsert", spec(polite, scripts.sleeper()));
        call("agents.start", id(polite));
        assertThatJson(call("agents.stop", id(polite))).isObject()
                .containsEntry("status", "stopped").containsEntry("last_exit_code", 143).doesNotContainKey("pid");

        String stubborn = newId();
        Path grandchildPid = scripts.dir().resolve("grandchild.pid");
        call("agents.upsert", spec(stubborn, scripts.spawnsGrandchild(grandchildPid)));
        call("agents.start", id(stubborn));
        await().atMost(TIMEOUT).until(() -> Files.exists(grandchildPid) && !Files.readString(grandchildPid).isBlank());
        long grandchild = Long.parseLong(Files.readString(grandchildPid).strip());
        assertThat(ProcessHandle.of(grandchild)).isPresent();
        call("agents.stop", id(stubborn));
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(grandchild).map(p -> !p.isAlive()).orElse(true));

        String ignoring = newId();
        call("agents.upsert", spec(ignoring, scripts.ignoresTerm()));
        call("agents.start", id(ignoring));
        await().atMost(TIMEOUT).until(() -> Files.readString(agentd.root().resolve("logs/" + ignoring + ".stdout.log")).contains("ready"));
        long before = System.nanoTime();
        JsonNode stopped = call("agents.stop", id(ignoring));
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        assertThat(stopped.get("last_exit_code").asInt()).isEqualTo(137);
        assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));

        String killed = newId();
        call("agents.upsert", spec(killed, scripts.ignoresTerm()));
        call("agents.start", id(killed));
        assertThat(call("agents.stop", Map.of("id", killed, "signal", "kill")).get("last_exit_code").asInt()).isEqualTo(137);
    }

    /** Check 14. */
    @Test
    void restartGivesANewPidAndStopCancelsAPendingRespawn() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        long first = call("agents.start", id(id)).get("pid").asLong();
        JsonNode restarted = call("agents.restart", id(id));
        assertThat(restarted.get("pid").asLong()).isNotEqualTo(first);
        assertThat(restarted.get("restart_count").asInt()).isZero();
        call("agents.stop", id(id));

        String failing = newId();
        call("agents.upsert", spec(failing, scripts.exits(1), "backoff_secs", 1));
        call("agents.start", id(failing));
        awaitStatus(failing, "backoff");
        assertThat(call("agents.stop", id(failing)).get("status").asText()).isEqualTo("stopped");
        long runs = Files.readString(agentd.root().resolve("logs/" + failing + ".stdout.log")).lines().count();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> row(failing).get("status").asText().equals("stopped"));
        assertThat(Files.readString(agentd.root().resolve("logs/" + failing + ".stdout.log")).lines().count()).isEqualTo(runs);
    }

    /** Check 15. */
    @Test
    void removeStopsAndForgetsTheAgentButKeepsItsLogs() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        long pid = call("agents.start", id(id)).get("pid").asLong();
        Path pidFile = agentd.root().resolve("run/" + id + ".pid");
        assertThat(pidFile).exists();
        assertThat(call("agents.remove", id(id)).get("removed").asBoolean()).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(agentd.root().resolve("logs/" + id + ".stdout.log")).exists();
        assertThat(Files.readString(agentd.root().resolve("agents.json"))).doesNotContain("\"" + id + "\"");
        assertThat(call("agents.remove", id(id)).get("removed").asBoolean()).isFalse();
        assertRpcError(() -> call("agents.start", id(id)), -32603, "agent '" + id + "' not found");
    }

    /** Checks 16 and 17, and core §19 checks 15–17. */
    @Test
    void agentTokenBindsOneConnectionAndRemoveClosesIt() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        String token = manifestEntry(id).get("token").asText();
        RpcClient agent = agentd.open();
        JsonNode auth = agent.call("session.auth", Map.of("token", token, "agent_id", id), TIMEOUT);
        assertThatJson(auth).isObject().containsEntry("ok", true).containsEntry("agent_id", id);
        assertThatJson(row(id)).isObject().containsEntry("attached", true)
                .containsEntry("session_id", auth.get("client_id").asText());

        RpcClient wrong = agentd.open();
        assertRpcError(() -> wrong.call("session.auth", Map.of("token", agentd.authToken(), "agent_id", id), TIMEOUT),
                -32603, "auth failed: token mismatch");
        assertRpcError(() -> wrong.call("session.auth", Map.of("token", token, "agent_id", "nobody"), TIMEOUT),
                -32603, "auth failed: token mismatch");
        assertRpcError(() -> wrong.call("session.auth", Map.of("token", token, "agent_id", id), TIMEOUT),
                -32603, "agent '" + id + "' already attached on another connection");

        call("agents.remove", id(id));
        ClientException.ConnectionClosed closed = agent.closed().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(closed.closeCode()).isEqualTo(1008);
        assertThat(closed.reason()).isEqualTo("agent removed");
    }

    @Test
    void bindingIsReleasedWhenTheConnectionCloses() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        String token = manifestEntry(id).get("token").asText();
        RpcClient agent = agentd.open();
        agent.call("session.auth", Map.of("token", token, "agent_id", id), TIMEOUT);
        agent.close();
        await().atMost(Duration.ofSeconds(1)).until(() -> !row(id).get("attached").asBoolean());
        assertThat(row(id).has("session_id")).isFalse();
        RpcClient again = agentd.open();
        assertThat(again.call("session.auth", Map.of("token", token, "agent_id", id), TIMEOUT).get("agent_id").asText())
                .isEqualTo(id);
    }

    /** Core §19 check 16: of 20 racing connections exactly one binds. */
    @Test
    void twentyConcurrentBindsHaveExactlyOneWinner() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        String token = manifestEntry(id).get("token").asText();
        List<RpcClient> clients = java.util.stream.IntStream.range(0, 20).mapToObj(i -> agentd.open()).toList();
        var replies = clients.stream()
                .map(c -> c.callAsync("session.auth", Map.of("token", token, "agent_id", id)))
                .toList();
        int ok = 0;
        int attached = 0;
        for (var reply : replies) {
            try {
                reply.get(20, java.util.concurrent.TimeUnit.SECONDS);
                ok++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("already attached on another connection");
                attached++;
            }
        }
        assertThat(ok).isEqualTo(1);
        assertThat(attached).isEqualTo(19);
    }

    /** Check 18. */
    @Test
    void waitTimesOutRejectsBogusTargetsAndUnknownIds() throws Exception {
        String id = newId();
        call("agents.upsert", spec(id, scripts.sleeper()));
        long before = System.nanoTime();
        assertRpcErrorStartsWith(() -> call("agents.wait", Map.of("id", id, "timeout_secs", 0.5)), -32603,
                "wait timed out: agent '" + id + "' did not reach [running] within 0.5s (status stopped)");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
        assertRpcError(() -> call("agents.wait", Map.of("id", "nobody")), -32603, "agent 'nobody' not found");
        assertRpcErrorStartsWith(() -> call("agents.wait", Map.of("id", id, "targets", List.of("bogus"))), -32602,
                "invalid params: ");
    }

    /** Check 27 (replies part): no reply ever carries an agent token. */
    @Test
    void repliesNeverCarryAgentTokens() throws Exception {
        String id = newId();
        StringBuilder replies = new StringBuilder();
        replies.append(call("agents.upsert", spec(id, scripts.sleeper())));
        replies.append(call("agents.start", id(id)));
        replies.append(call("agents.list", null));
        replies.append(call("agents.health", null));
        replies.append(call("agents.restart", id(id)));
        replies.append(call("agents.stop", id(id)));
        assertThat(replies.toString()).doesNotContain(manifestEntry(id).get("token").asText());
    }
}
