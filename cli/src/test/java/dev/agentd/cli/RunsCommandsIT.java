package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code runs} commands against one shared auth-on daemon (cli §9 checks 14–16, and the
 * stdout rule of check 26). Runs are recorded by connections bound to registered agents, as agent
 * processes record them; each test uses its own agent.
 */
class RunsCommandsIT {
    private static final Duration CLI_START = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final DaemonExtension daemon = DaemonExtension.builder().build();

    private static RpcClient admin;

    /** Not through the extension, which closes its clients after each test. */
    @BeforeAll
    static void connectAdmin() {
        admin = AgentdConnector.connect(daemon.wsUri(), Credential.daemonToken(daemon.authToken(), "test"), null,
                BoundAgent.TIMEOUT);
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    private static AgentdCli cli() {
        return new AgentdCli().env("AGENTD_HOME", daemon.root().toString());
    }

    private static BoundAgent newAgent() {
        return BoundAgent.register(admin, daemon.wsUri(), daemon.root(), "trader-" + IDS.incrementAndGet());
    }

    private static CliResult succeed(AgentdCli cli, String... args) {
        CliResult result = cli.run(args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isEmpty();
        return result;
    }

    private static void assertFailed(CliResult result, String stderr) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).as(result.describe()).isEqualTo(stderr);
        assertThat(result.stdout()).as("cli check 26: stdout stays empty").isEmpty();
    }

    private static String turn(String prompt) {
        return "{\"prompt\":\"" + prompt + "\",\"tool\":\"search\"}";
    }

    /** cli check 14, first part, and §6.9: the host token is used whatever AGENTD_TOKEN holds. */
    @Test
    void listUsesTheHostTokenNotAgentdToken() {
        try (BoundAgent agent = newAgent()) {
            String older = agent.startRun("rebalance portfolio");
            agent.recordTurns(older, turn("a"), turn("b"));
            agent.complete(older, "done");
            String newer = agent.startRun("second run");
            AgentdCli cli = cli().env("AGENTD_TOKEN", "garbage-not-a-token");

            CliResult list = succeed(cli, "runs", "list", agent.id());
            CliResult json = succeed(cli, "runs", "list", agent.id(), "--json");

            List<String> lines = list.stdout().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).matches("RUN_ID +STATUS +TURNS +STARTED +ENDED +INTENT");
            assertThat(lines.get(1)).matches(newer + " +in_progress +0 +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +- +second run");
            assertThat(lines.get(2)).matches(older + " +completed +2 +\\S+Z +\\S+Z +rebalance portfolio");
            assertThatJson(json.stdout()).inPath("agent_id").isEqualTo(agent.id());
            assertThatJson(json.stdout()).inPath("runs[*].run_id").isEqualTo(List.of(newer, older));
            assertThat(json.stdout()).endsWith("}\n").hasLineCount(1);
        }
    }

    /** cli check 14, second part: no host token on an auth-on daemon. */
    @Test
    void listWithoutHostTokenIsAuthRequired() throws IOException {
        Path hostToken = daemon.root().resolve("host-token");
        String saved = Files.readString(hostToken);
        Files.delete(hostToken);
        try {
            CliResult result = cli().env("AGENTD_TOKEN", daemon.authToken()).run("runs", "list", "anyone");

            assertFailed(result, "agentd: auth required: no token found (checked " + hostToken + ")\n");
        } finally {
            Files.writeString(Files.createFile(hostToken,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), saved);
        }
    }

    /** cli check 15, first part: not found is exit 1; with --json the result is still printed. */
    @Test
    void traceOfUnknownRunIsNotFound() {
        CliResult human = cli().run("runs", "trace", "no-such-run");
        CliResult json = cli().run("runs", "trace", "no-such-run", "--json");

        assertFailed(human, "agentd: run 'no-such-run' not found\n");
        assertThat(json.exitCode()).as(json.describe()).isEqualTo(1);
        assertThat(json.stderr()).isEqualTo("agentd: run 'no-such-run' not found\n");
        assertThat(json.stdout()).isEqualTo("{\"run_id\":\"no-such-run\",\"not_found\":true}\n");
    }

    /** cli check 15, second part, and the line format of §6.10. */
    @Test
    void traceOfCompletedRunPrintsEveryRecord() {
        try (BoundAgent agent = newAgent()) {
            String run = agent.startRun("rebalance portfolio");
            agent.recordTurns(run, turn("find the latest quotes"), "{\"output\":\"3 positions\\nadjusted\","
                    + "\"verifier_verdict\":\"pass\"}");
            agent.recordTurns(run, "{\"prompt\":\"" + "long ".repeat(40) + "\"}");
            agent.complete(run, "rebalanced 3 positions");

            CliResult trace = succeed(cli(), "runs", "trace", run);
            CliResult json = succeed(cli(), "runs", "trace", run, "--json");

            List<String> lines = trace.stdout().lines().toList();
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).matches("started  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  agent=" + agent.id()
                    + "  intent=\"rebalance portfolio\"");
            assertThat(lines.get(1)).isEqualTo("turn 0   tool=search  verdict=not_run  prompt=\"find the latest quotes\"");
            assertThat(lines.get(2)).isEqualTo("turn 1   verdict=pass  output=\"3 positions adjusted\"");
            assertThat(lines.get(3)).isEqualTo("turn 2   verdict=not_run  prompt=\"" + "long ".repeat(20).substring(0, 99) + "…\"");
            assertThat(lines.get(4)).isEqualTo("ended    completed  summary=\"rebalanced 3 positions\"");
            JsonNode result = TestJson.parse(json.stdout());
            assertThat(json.stdout()).hasLineCount(1);
            assertThatJson(result).inPath("records[*].record").isEqualTo(List.of("started", "turn", "turn", "turn", "ended"));
            assertThatJson(result).inPath("run_id").isEqualTo(run);
        }
    }

    /**
     * cli check 16, first part: an in-progress run is followed turn by turn and the command exits 0
     * within 2 s of {@code runs.complete}.
     */
    @Test
    void followPrintsNewTurnsAndExitsWhenTheRunCompletes() {
        try (BoundAgent agent = newAgent()) {
            String run = agent.startRun("follow me");
            agent.recordTurns(run, turn("t0"));
            try (CliProcess follow = cli().start("runs", "trace", run, "--follow")) {
                await("the snapshot's turn").atMost(CLI_START).until(() -> follow.stdout().contains("turn 0 "));

                agent.recordTurns(run, turn("t1"), turn("t2"));
                agent.recordTurns(run, turn("t3"));
                await("live turns").atMost(Duration.ofSeconds(10)).until(() -> follow.stdout().contains("turn 3 "));
                agent.complete(run, "followed");
                CliResult result = follow.awaitExit();

                assertThat(result.exitCode()).as(result.describe()).isZero();
                assertThat(result.elapsed()).as("exit after runs.complete").isLessThan(Duration.ofSeconds(2));
                assertThat(result.stderr()).isEmpty();
                assertThat(result.stdout()).isEqualTo("""
                        turn 0   tool=search  verdict=not_run  prompt="t0"
                        turn 1   tool=search  verdict=not_run  prompt="t1"
                        turn 2   tool=search  verdict=not_run  prompt="t2"
                        turn 3   tool=search  verdict=not_run  prompt="t3"
                        ended    completed  summary="followed"
                        """);
            }
        }
    }

    /** cli check 16, second part: a finished run prints its records and exits 0. */
    @Test
    void followOfFinishedRunPrintsItsRecordsAndExits() {
        try (BoundAgent agent = newAgent()) {
            String run = agent.startRun("already over");
            agent.recordTurns(run, turn("t0"), turn("t1"));
            agent.complete(run, "over");

            CliResult human = succeed(cli(), "runs", "trace", run, "--follow");
            CliResult json = succeed(cli(), "runs", "trace", run, "--follow", "--json");

            assertThat(human.stdout()).isEqualTo("""
                    turn 0   tool=search  verdict=not_run  prompt="t0"
                    turn 1   tool=search  verdict=not_run  prompt="t1"
                    ended    completed  summary="over"
                    """);
            List<String> lines = json.stdout().lines().toList();
            assertThat(lines).hasSize(2);
            assertThatJson(lines.get(0)).isObject().containsEntry("run_id", run).containsEntry("cursor", 2)
                    .containsEntry("status", "completed");
            assertThatJson(lines.get(1)).inPath("records[*].record").isEqualTo(List.of("started", "turn", "turn", "ended"));
        }
    }

    /** cli §6.10 {@code --json} with follow: the subscribe result, then each event's params; Ctrl-C exits 0. */
    @Test
    void followJsonIsNdjsonAndCtrlCExitsZero() throws Exception {
        try (BoundAgent agent = newAgent()) {
            String run = agent.startRun("json follow");
            try (CliProcess follow = cli().start("runs", "trace", run, "--follow", "--json")) {
                await("the subscribe result").atMost(CLI_START).until(() -> follow.stdout().endsWith("}\n"));
                agent.recordTurns(run, turn("t0"));
                await("the event").atMost(Duration.ofSeconds(10)).until(() -> follow.stdout().lines().count() == 2);

                follow.interrupt();
                CliResult result = follow.awaitExit();

                assertThat(result.exitCode()).as(result.describe()).isZero();
                List<String> lines = result.stdout().lines().toList();
                assertThat(lines).hasSize(2);
                assertThatJson(lines.get(0)).isEqualTo("{\"run_id\":\"" + run + "\",\"agent_id\":\"" + agent.id()
                        + "\",\"turns_so_far\":[],\"cursor\":0,\"status\":\"in_progress\"}");
                assertThatJson(lines.get(1)).whenIgnoringPaths("record.ts").isEqualTo("{\"run_id\":\"" + run
                        + "\",\"agent_id\":\"" + agent.id() + "\",\"record\":{\"record\":\"turn\",\"index\":0,\"ts\":\"\","
                        + "\"prompt\":\"t0\",\"tool\":\"search\",\"verifier_verdict\":\"not_run\"},"
                        + "\"cursor\":1,\"status\":\"in_progress\"}");
            }
        }
    }

    /** cli §6.10: a subscribe error ends the follow with exit 1. */
    @Test
    void followOfUnknownRunIsTheDaemonsError() {
        assertFailed(cli().run("runs", "trace", "no-such-run", "--follow"),
                "agentd: error -32603: run not found: 'no-such-run'\n");
    }

    /** cli §1: {@code runs} alone prints its usage on stderr, exit 2. */
    @Test
    void runsAlonePrintsUsage() {
        CliResult result = cli().run("runs");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("Usage: agentd runs").contains("list").contains("trace");
    }
}
