package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.agents.AgentScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code agents} commands against one shared auth-on daemon with real child processes
 * (cli §9 checks 9–12 and 18, and the stdout-empty rule of 26). Each test uses its own agent ids.
 * Children are {@code /bin/sh} running a script under {@code target/}, never under /tmp, which is a
 * scratch directory the daemon refuses commands from.
 */
class AgentsCommandsIT {
    private static final Duration CHILD_OUTPUT = Duration.ofSeconds(10);
    private static final Duration CLI_START = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path root;

    private static DaemonProcess daemon;
    private static AgentScripts scripts;

    @TempDir
    Path temp;

    @BeforeAll
    static void startDaemon() throws IOException {
        daemon = DaemonProcess.start(root);
        scripts = AgentScripts.create();
    }

    /** Gracefully, so the daemon stops the children these tests started. */
    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    private static AgentdCli cli() {
        return new AgentdCli().env("AGENTD_HOME", root.toString());
    }

    private static String newId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    private static CliResult succeed(String... args) {
        CliResult result = cli().run(args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isEmpty();
        return result;
    }

    private static void upsertScript(String id, Path script) {
        succeed("agents", "upsert", "--id", id, "--command", "/bin/sh", "--arg", script.toString());
    }

    /** The cells of a one-row table's data row; cells are separated by two or more spaces. */
    private static List<String> singleRow(String table) {
        List<String> lines = table.lines().toList();
        assertThat(lines).as(table).hasSize(2);
        assertThat(lines.get(0)).startsWith("ID ").contains("  STATUS  ").endsWith("  COMMAND");
        return List.of(lines.get(1).split(" {2,}"));
    }

    private static JsonNode listedRow(String id) {
        for (JsonNode row : TestJson.parse(succeed("agents", "list", "--json").stdout())) {
            if (row.at("/spec/id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("agents list has no row for " + id);
    }

    private static Path stdoutLog(String id) {
        return root.resolve("logs").resolve(id + ".stdout.log");
    }

    private static void awaitLog(String id, String text) {
        awaitLog(stdoutLog(id), text);
    }

    private static void awaitLog(Path log, String text) {
        await("child output in " + log.getFileName()).atMost(CHILD_OUTPUT)
                .until(() -> Files.exists(log) && Files.readString(log).contains(text));
    }

    /** cli check 9, first part; cli §6.4: the one-row table after upsert. */
    @Test
    void upsertWithFlagsCreatesTheAgent() {
        String id = newId("t");

        CliResult upsert = succeed("agents", "upsert", "--id", id, "--command", "/bin/sh", "--arg", "x");

        assertThat(upsert.stdout()).isEqualTo("ID" + " ".repeat(id.length() - 2) + "  STATUS   PID  EXIT  RESTARTS  ATTACHED  COMMAND\n"
                + id + "  stopped  -    -     0         no        /bin/sh x\n");
        JsonNode row = listedRow(id);
        assertThatJson(row.get("spec")).isObject().containsEntry("command", "/bin/sh");
        assertThatJson(row.at("/spec/args")).isEqualTo("[\"x\"]");
    }

    /** cli §6.5: each flag sets its one field, in order, and absent flags leave the daemon's defaults. */
    @Test
    void everyFlagMapsToItsField() {
        String id = newId("flags");

        CliResult upsert = succeed("agents", "upsert", "--id", id, "--interpreter", "sh", "--arg", "one two",
                "--arg=-x", "--name", "Flag Test", "--cwd", "/", "--env", "B=2", "--env", "A=x=y", "--restart", "never",
                "--max-restarts", "3", "--backoff-secs", "7", "--auto-start", "--json");

        JsonNode spec = TestJson.parse(upsert.stdout()).get("spec");
        assertThat(spec.get("command").asText()).startsWith("/").endsWith("/sh");
        assertThatJson(spec).whenIgnoringPaths("command").isEqualTo("{\"id\":\"" + id + "\",\"name\":\"Flag Test\","
                + "\"command\":\"\",\"args\":[\"one two\",\"-x\"],\"cwd\":\"/\",\"env\":{\"B\":\"2\",\"A\":\"x=y\"},"
                + "\"restart\":\"never\",\"max_restarts\":3,\"backoff_secs\":7,\"auto_start\":true,\"capabilities\":[]}");
        assertThat(listedRow(id).get("status").asText()).as("upsert never starts an agent").isEqualTo("stopped");
    }

    /** cli check 9, second part: the file is sent unchanged, from a path or from stdin. */
    @Test
    void upsertFromFileCreatesExactlyThatSpec() throws IOException {
        String id = newId("file");
        String spec = "{\"id\":\"" + id + "\",\"name\":\"From File\",\"command\":\"/bin/sh\",\"args\":[\"-c\",\"exit 0\"],"
                + "\"cwd\":\"/\",\"env\":{\"K\":\"v\"},\"restart\":\"always\",\"max_restarts\":4,\"backoff_secs\":9,"
                + "\"auto_start\":false,\"capabilities\":[\"chat\"]}";
        Path file = Files.writeString(temp.resolve("spec.json"), spec);
        String stdinId = newId("stdin");

        CliResult fromFile = succeed("agents", "upsert", "--file", file.toString());
        CliResult fromStdin = cli().runWithInput("{\"id\":\"" + stdinId + "\",\"command\":\"/bin/sh\"}",
                "agents", "upsert", "--file", "-", "--json");

        assertThat(singleRow(fromFile.stdout())).containsExactly(id, "stopped", "-", "-", "0", "no", "/bin/sh -c 'exit 0'");
        assertThatJson(listedRow(id).get("spec")).isEqualTo(spec);
        assertThat(fromStdin.exitCode()).as(fromStdin.describe()).isZero();
        assertThatJson(fromStdin.stdout()).inPath("spec.id").isEqualTo(stdinId);
    }

    /** cli check 9, last part, and check 26: the daemon's validation error, nothing on stdout. */
    @Test
    void relativeCommandIsTheDaemonsError() {
        CliResult result = cli().run("agents", "upsert", "--id", newId("rel"), "--command", "sh");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("agentd: error -32602: invalid command 'sh': ").endsWith("\n")
                .hasLineCount(1);
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 10, and cli §6.6 for restart and {@code stop --kill}. */
    @Test
    void startStopAndRestartPrintTheRow() throws IOException {
        String id = newId("svc");
        upsertScript(id, scripts.sleeper());

        List<String> started = singleRow(succeed("agents", "start", id).stdout());
        List<String> stopped = singleRow(succeed("agents", "stop", id).stdout());
        List<String> restarted = singleRow(succeed("agents", "restart", id).stdout());
        JsonNode killed = TestJson.parse(succeed("agents", "stop", id, "--kill", "--json").stdout());

        assertThat(started.get(0)).isEqualTo(id);
        assertThat(started.get(1)).isIn("starting", "running");
        assertThat(started.get(2)).as("pid").matches("\\d+");
        assertThat(stopped.subList(0, 4)).containsExactly(id, "stopped", "-", "143");
        assertThat(restarted.get(1)).isIn("starting", "running");
        assertThat(restarted.get(2)).matches("\\d+").isNotEqualTo(started.get(2));
        assertThatJson(killed).isObject().containsEntry("status", "stopped").containsEntry("last_exit_code", 137);
    }

    /** cli check 10, last part. */
    @Test
    void startOfUnknownAgentIsTheDaemonsError() {
        CliResult result = cli().run("agents", "start", "nope");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: error -32603: agent 'nope' not found\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 11. */
    @Test
    void removeTwiceSaysWhatHappenedAndSucceedsBothTimes() throws IOException {
        String id = newId("rm");
        upsertScript(id, scripts.sleeper());
        succeed("agents", "start", id);

        CliResult first = succeed("agents", "remove", id);
        CliResult second = succeed("agents", "remove", id);
        CliResult json = succeed("agents", "remove", id, "--json");

        assertThat(first.stdout()).isEqualTo("removed " + id + "\n");
        assertThat(second.stdout()).isEqualTo(id + ": no such agent (nothing removed)\n");
        assertThat(json.stdout()).isEqualTo("{\"removed\":false}\n");
    }

    /**
     * cli check 12: the last two lines; with {@code --follow}, a line the child writes later
     * appears within 3 s, a replaced (shorter) log starts over with a notice on stderr, and Ctrl-C
     * ends the command with exit 0.
     */
    @Test
    void logsPrintsTheLastLinesAndFollowsNewOnes() throws Exception {
        String id = newId("logs");
        Path trigger = scripts.dir().resolve(id + ".trigger");
        Path script = scripts.script(id + ".sh", "echo line-1\necho line-2\necho line-3\n"
                + "while [ ! -e '" + trigger + "' ]; do sleep 0.1; done\necho after-trigger\n"
                + "while true; do sleep 1; done");
        upsertScript(id, script);
        succeed("agents", "start", id);
        awaitLog(id, "line-3\n");

        assertThat(succeed("agents", "logs", id, "-n", "2").stdout()).isEqualTo("line-2\nline-3\n");

        try (CliProcess follow = cli().start("agents", "logs", id, "-n", "2", "--follow")) {
            await("first lines of --follow").atMost(CLI_START).until(() -> follow.stdout().equals("line-2\nline-3\n"));

            Files.createFile(trigger);
            awaitLog(id, "after-trigger\n");
            await("the new line").atMost(Duration.ofSeconds(3))
                    .until(() -> follow.stdout().equals("line-2\nline-3\nafter-trigger\n"));

            Files.writeString(stdoutLog(id), "replaced\n");
            await("the replaced log").atMost(Duration.ofSeconds(5)).until(() -> follow.stdout().endsWith("replaced\n"));

            follow.interrupt();
            CliResult result = follow.awaitExit();

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout()).isEqualTo("line-2\nline-3\nafter-trigger\nreplaced\n");
            assertThat(result.stderr()).isEqualTo("agentd: stdout log of '" + id + "' shrank; starting over\n");
        }
    }

    /** cli §6.7: {@code --json} prints the result object; an unknown agent is the daemon's error. */
    @Test
    void logsJsonAndUnknownAgent() throws IOException {
        String id = newId("logjson");
        upsertScript(id, scripts.sleeper());
        succeed("agents", "start", id);
        awaitLog(id, "started\n");
        awaitLog(root.resolve("logs").resolve(id + ".stderr.log"), "warming\n");

        CliResult json = succeed("agents", "logs", id, "-n", "1", "--json");
        CliResult unknown = cli().run("agents", "logs", "nope");

        assertThatJson(json.stdout()).isObject().containsEntry("lines", List.of("started", "warming"))
                .containsEntry("stdout_path", stdoutLog(id).toString());
        assertThat(json.stdout()).endsWith("}\n").hasLineCount(1);
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("agentd: error -32603: agent 'nope' not found\n");
        assertThat(unknown.stdout()).isEmpty();
    }

    /** cli §6.4: sorted by id, {@code ls} is {@code list}; cli check 18: {@code call agents.list --json} is the same JSON. */
    @Test
    void listIsSortedAndMatchesTheRawCall() {
        upsertScript(newId("zz"), Path.of("/nonexistent-script"));
        upsertScript(newId("aa"), Path.of("/nonexistent-script"));

        CliResult list = succeed("agents", "list");
        CliResult ls = succeed("agents", "ls");
        CliResult json = succeed("agents", "list", "--json");
        CliResult call = succeed("call", "agents.list", "--json");

        List<String> lines = list.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("ID ").endsWith("  COMMAND");
        List<String> ids = new ArrayList<>(lines.subList(1, lines.size()).stream().map(line -> line.split(" ")[0]).toList());
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(list.stdout()).doesNotContain(" \n");
        assertThat(ls.stdout()).isEqualTo(list.stdout());
        assertThat(call.stdout()).isEqualTo(json.stdout());
        assertThat(json.stdout()).startsWith("[{\"spec\":").endsWith("]\n");
    }
}
