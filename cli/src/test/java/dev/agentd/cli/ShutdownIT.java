package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.agents.AgentScripts;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a daemon is stopped: {@code agentd stop}, {@code call --host-role server.shutdown} and
 * SIGTERM (core §19 checks 36, 37 without its run part, 42; cli §9 check 19).
 */
class ShutdownIT {
    @TempDir
    Path temp;

    private final List<DaemonProcess> daemons = new ArrayList<>();

    private DaemonProcess start(Path root) {
        DaemonProcess daemon = DaemonProcess.start(root);
        daemons.add(daemon);
        return daemon;
    }

    @AfterEach
    void killDaemons() {
        daemons.forEach(DaemonProcess::close);
    }

    /** cli check 19, core check 36 through {@code stop}, core check 42 over the whole cycle. */
    @Test
    void stopWaitsForExitAndCleansUp() {
        Path root = temp.resolve("home");
        DaemonProcess daemon = start(root);
        AgentdCli cli = new AgentdCli().env("AGENTD_HOME", root.toString());
        assertThat(cli.run("call", "test.block", "{\"ms\":10}").exitCode()).isZero();

        CliResult stop = cli.run("stop");

        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdout()).isEqualTo("agentd stopped (pid " + daemon.pid() + ")\n");
        assertThat(stop.stderr()).isEmpty();
        assertThat(ProcessHandle.of(daemon.pid()).map(ProcessHandle::isAlive).orElse(false))
                .as("daemon process gone when stop returns").isFalse();
        assertThat(daemon.awaitExit()).isZero();
        assertPublishedFilesRemoved(root);
        assertThat(daemon.stdout()).isEqualTo("agentd listening on " + daemon.wsUrl() + "\n");

        CliResult secondStop = cli.run("stop");
        assertThat(secondStop.exitCode()).as(secondStop.describe()).isEqualTo(3);
        assertThat(secondStop.stdout()).isEmpty();

        DaemonProcess next = start(root);
        assertThat(next.isAlive()).isTrue();
    }

    /** core check 36 through {@code call --host-role server.shutdown}. */
    @Test
    void hostRoleServerShutdownStopsDaemon() {
        Path root = temp.resolve("home");
        DaemonProcess daemon = start(root);

        CliResult call = new AgentdCli().env("AGENTD_HOME", root.toString())
                .run("call", "--host-role", "server.shutdown");

        assertThat(call.exitCode()).as(call.describe()).isZero();
        assertThatJson(call.stdout()).isEqualTo("{\"ok\":true,\"pid\":" + daemon.pid() + "}");
        assertThat(daemon.awaitExit()).isZero();
        assertPublishedFilesRemoved(root);
        assertThat(daemon.stdout()).isEqualTo("agentd listening on " + daemon.wsUrl() + "\n");

        DaemonProcess next = start(root);
        assertThat(next.isAlive()).isTrue();
    }

    /**
     * core checks 37 and 42: SIGTERM stops the daemon with status 0, sends SIGTERM to a supervised
     * child, SIGKILLs a child that ignores it about 5 s later, and ends a run left open with
     * {@code incomplete} {@code daemon_shutdown} on disk (runs check 22); follow loops whose
     * connection goes away exit 1 ({@code agents logs --follow}, cli §6.7; {@code host watch}).
     */
    @Test
    void sigtermStopsChildrenExitsZeroAndCleansUp() throws Exception {
        Path root = temp.resolve("home");
        DaemonProcess daemon = start(root);
        AgentdCli cli = new AgentdCli().env("AGENTD_HOME", root.toString());
        assertThat(cli.run("status").exitCode()).isZero();
        AgentScripts scripts = AgentScripts.create();
        Path termReceived = scripts.dir().resolve("term-received");
        startAgent(cli, "polite", scripts.script("polite.sh", "trap 'echo TERM > \"" + termReceived + "\"; exit 0' TERM\n"
                + "echo ready\nwhile true; do sleep 1; done"));
        startAgent(cli, "stubborn", scripts.ignoresTerm());
        ProcessHandle stubborn = ProcessHandle.of(agentPid(cli, "stubborn")).orElseThrow();
        awaitLogLine(root, "polite", "ready");
        awaitLogLine(root, "stubborn", "ready");
        RpcClient admin = AgentdConnector.connect(URI.create(daemon.wsUrl()),
                Credential.daemonToken(daemon.authToken(), "test"), null, Duration.ofSeconds(30));
        BoundAgent runner = BoundAgent.register(admin, URI.create(daemon.wsUrl()), root, "runner");
        String openRun = runner.startRun("left open");
        runner.recordTurns(openRun, "{\"prompt\":\"only turn\"}");

        try (CliProcess follow = cli.start("agents", "logs", "polite", "--follow");
                CliProcess watch = cli.start("host", "watch")) {
            await("follow started").atMost(Duration.ofSeconds(30)).until(() -> follow.stdout().equals("ready\n"));
            await("watch started").atMost(Duration.ofSeconds(30)).until(() -> watch.stdout().contains("events after #"));
            long signalled = System.nanoTime();
            daemon.signalTerminate();

            await("SIGTERM reached the polite child").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(termReceived));
            stubborn.onExit().get(30, TimeUnit.SECONDS);
            Duration stubbornLived = Duration.ofNanos(System.nanoTime() - signalled);
            assertThat(daemon.awaitExit()).as(daemon.stderr()).isZero();
            CliResult followed = follow.awaitExit();

            assertThat(stubbornLived).as("SIGKILL follows SIGTERM after the 5 s grace")
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
            assertThat(followed.exitCode()).as(followed.describe()).isEqualTo(1);
            assertThat(followed.stderr()).startsWith("agentd: ").containsAnyOf("closed before a reply", "daemon shutting down");
            CliResult watched = watch.awaitExit();
            assertThat(watched.exitCode()).as(watched.describe()).isEqualTo(1);
            assertThat(watched.stderr()).isEqualTo("agentd: connection to " + daemon.wsUrl()
                    + " closed before a reply (1001 daemon shutting down)\n");
        }
        List<String> runLines = Files.readAllLines(root.resolve("runs/runner/" + openRun + ".jsonl"));
        assertThatJson(runLines.get(runLines.size() - 1)).whenIgnoringPaths("ended_at").isEqualTo(
                "{\"record\":\"ended\",\"status\":\"incomplete\",\"incomplete\":{\"reason\":\"daemon_shutdown\"},"
                        + "\"ended_at\":\"\",\"turn_count\":1}");
        runner.close();
        admin.close();
        assertPublishedFilesRemoved(root);
        assertThat(root.resolve("run/polite.pid")).doesNotExist();
        assertThat(root.resolve("run/stubborn.pid")).doesNotExist();
        assertThat(daemon.stdout()).isEqualTo("agentd listening on " + daemon.wsUrl() + "\n");
    }

    private static void startAgent(AgentdCli cli, String id, Path script) {
        CliResult upsert = cli.run("agents", "upsert", "--id", id, "--command", "/bin/sh", "--arg", script.toString());
        assertThat(upsert.exitCode()).as(upsert.describe()).isZero();
        CliResult start = cli.run("agents", "start", id);
        assertThat(start.exitCode()).as(start.describe()).isZero();
    }

    private static long agentPid(AgentdCli cli, String id) {
        for (JsonNode row : TestJson.parse(cli.run("agents", "list", "--json").stdout())) {
            if (row.at("/spec/id").asText().equals(id)) {
                return row.get("pid").asLong();
            }
        }
        throw new AssertionError("no row for " + id);
    }

    private static void awaitLogLine(Path root, String id, String line) {
        Path log = root.resolve("logs").resolve(id + ".stdout.log");
        await(id + " ready").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(log) && Files.readString(log).contains(line + "\n"));
    }

    /**
     * core §15: a second SIGTERM during shutdown skips the remaining waits and the exit status is 1.
     * A request held in flight keeps the first shutdown in its drain wait.
     */
    @Test
    void secondSigtermDuringShutdownExitsOne() throws Exception {
        Path root = temp.resolve("home");
        DaemonProcess daemon = start(root);
        try (RpcClient client = AgentdConnector.connect(URI.create(daemon.wsUrl()),
                Credential.daemonToken(daemon.authToken(), "test"), null, Duration.ofSeconds(30))) {
            CompletableFuture<JsonNode> held = client.callAsync("test.block", Json.mapper().readTree("{\"ms\":60000}"));
            JsonNode quickBlock = Json.mapper().readTree("{\"ms\":0}");
            await("the held request is running").atMost(Duration.ofSeconds(10)).until(() ->
                    client.call("test.block", quickBlock, Duration.ofSeconds(30)).get("concurrent").asInt() == 2);

            daemon.signalTerminate();
            await("listener closed").atMost(Duration.ofSeconds(10)).until(() -> !accepts(daemon.port()));
            daemon.signalTerminate();

            assertThat(daemon.awaitExit()).isEqualTo(1);
            await("held request ended").atMost(Duration.ofSeconds(10)).until(held::isDone);
            assertThat(held).isCompletedExceptionally();
        }
        assertThat(daemon.stdout()).isEqualTo("agentd listening on " + daemon.wsUrl() + "\n");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertPublishedFilesRemoved(Path root) {
        assertThat(root.resolve("auth-token")).doesNotExist();
        assertThat(root.resolve("host-token")).doesNotExist();
        assertThat(root.resolve("run/daemon.json")).doesNotExist();
        assertThat(root.resolve("run/daemon.lock")).exists();
    }
}
