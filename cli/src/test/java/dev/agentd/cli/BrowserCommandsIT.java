package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentd browser run} (cli §6.11): cli §9 check 17 and browser check 42. Input errors and
 * output shapes are checked against a recording fake server (no Chromium needed); the real runs
 * go to one shared auth-on daemon and need Chromium.
 */
class BrowserCommandsIT {
    private static final String FAILING_SCRIPT = """
            [{"op":"navigate","url":"about:blank"},{"op":"click","element_id":"el_0"}]""";
    private static final String NO_OBSERVATION = "element_not_found: no current observation; run observe first";

    @TempDir
    static Path root;

    private static DaemonProcess daemon;

    @TempDir
    Path scripts;

    @BeforeAll
    static void startDaemon() {
        daemon = DaemonProcess.start(root);
    }

    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    private static AgentdCli cli() {
        return new AgentdCli().env("AGENTD_HOME", root.toString());
    }

    private Path script(String name, String content) throws IOException {
        return Files.writeString(scripts.resolve(name), content);
    }

    /** Cli §1: {@code browser} alone prints its sub-command usage on stderr and exits 2. */
    @Test
    void browserAlonePrintsUsage() {
        CliResult result = cli().run("browser");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("Usage: agentd browser").contains("run");
        assertThat(result.stdout()).isEmpty();
    }

    /** Check 17: a missing file is a usage error and nothing reaches the daemon. */
    @Test
    void missingScriptFileExitsTwoWithoutSending() throws IOException {
        Path missing = scripts.resolve("missing.json");
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(FakeWebSocketServer::agentdLike)) {
            CliResult result = cli().run("browser", "run", missing.toString(), "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("agentd: cannot read " + missing + ": no such file\n");
            assertThat(result.stdout()).isEmpty();
            assertThat(server.upgradeRequests()).as("connections to the daemon").isEmpty();
        }
    }

    /** Check 17: a file that is not JSON is a usage error and nothing reaches the daemon. */
    @Test
    void invalidJsonScriptExitsTwoWithoutSending() throws IOException {
        Path bad = script("bad.json", "{\"steps\": [");
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(FakeWebSocketServer::agentdLike)) {
            CliResult result = cli().run("browser", "run", bad.toString(), "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("agentd: " + bad + " is not valid JSON: ");
            assertThat(result.stdout()).isEmpty();
            assertThat(server.upgradeRequests()).as("connections to the daemon").isEmpty();
        }
    }

    /**
     * Cli §6.11 output and §4.3: the options become params, one line per step then {@code final:},
     * and the first failed step is the exit-1 message. The reply comes after more than
     * {@code AGENTD_TIMEOUT}, which does not bound {@code browser.run}.
     */
    @Test
    void traceIsPrintedStepByStepAndAFailedStepExitsOne() throws IOException {
        JsonNode trace = Json.mapper().readTree("""
                {"ok":false,"steps":[
                  {"index":0,"op":"navigate","ok":true,"duration_ms":61,"result":{"url":"http://127.0.0.1:8123/links.html"}},
                  {"index":1,"op":"click","ok":false,"duration_ms":2,
                   "error":{"kind":"element_not_found","message":"no current observation; run observe first"}}],
                 "failed_step":1,"skipped":2,"final_url":"http://127.0.0.1:8123/links.html","title":"Links","map_id":null,
                 "session":{"launched":true,"headed":false,"width":800,"height":600,"browser_version":"Chrome/1","pid":4},
                 "duration_ms":70}""");
        Path file = script("script.json", FAILING_SCRIPT);
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(message ->
                message.path("method").asText().equals("browser.run")
                        ? slowly(() -> FakeWebSocketServer.result(message, trace))
                        : FakeWebSocketServer.agentdLike(message))) {
            CliResult result = cli().env("AGENTD_TIMEOUT", "1").run("browser", "run", file.toString(),
                    "--width", "800", "--height", "600", "--headed", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stdout()).isEqualTo("""
                    #0 navigate ok 61ms
                    #1 click FAIL 2ms element_not_found: no current observation; run observe first
                    final: http://127.0.0.1:8123/links.html
                    """);
            assertThat(result.stderr()).isEqualTo("agentd: step 1 failed: " + NO_OBSERVATION + "\n");
            JsonNode sent = server.messages().get(server.messages().size() - 1);
            assertThatJson(sent).node("method").isEqualTo("browser.run");
            assertThatJson(sent).node("params").isEqualTo("{\"script\":" + FAILING_SCRIPT
                    + ",\"width\":800,\"height\":600,\"headed\":true}");
        }
    }

    /** Cli §6.11: a daemon error (here an invalid script, -32602) exits 1 with the error; nothing launches. */
    @Test
    void invalidScriptIsTheDaemonsError() throws IOException {
        Path file = script("no-url.json", "{\"steps\":[{\"op\":\"navigate\"}]}");

        CliResult result = cli().run("browser", "run", file.toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: error -32602: invalid params: script.steps[0].url: required\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(browserRunDirEntries()).isEmpty();
    }

    /** Check 17 and browser check 42: a real failing step prints the trace, exits 1, and the browser is gone after. */
    @Test
    @RequiresChromium
    void failingStepAgainstTheDaemonExitsOneAndClosesTheBrowser() throws IOException {
        Path file = script("fails.json", FAILING_SCRIPT);

        CliResult human = cli().run("browser", "run", file.toString());
        CliResult json = cli().run("browser", "run", file.toString(), "--json");

        assertThat(human.exitCode()).as(human.describe()).isEqualTo(1);
        assertThat(human.stdout()).matches("#0 navigate ok \\d+ms\n#1 click FAIL \\d+ms " + Pattern.quote(NO_OBSERVATION)
                + "\nfinal: about:blank\n");
        assertThat(human.stderr()).isEqualTo("agentd: step 1 failed: " + NO_OBSERVATION + "\n");
        assertThat(json.exitCode()).as(json.describe()).isEqualTo(1);
        assertThat(json.stdout()).endsWith("\n").doesNotContain("\n#");
        assertThatJson(json.stdout()).node("failed_step").isEqualTo(1);
        assertThatJson(json.stdout()).node("steps[1].error.kind").isEqualTo("element_not_found");
        assertThat(json.stderr()).startsWith("agentd: step 1 failed: element_not_found");
        awaitNoBrowserFiles();
    }

    /** Check 17: {@code -} reads the script from stdin; {@code --json} prints the raw trace, exit 0. */
    @Test
    @RequiresChromium
    void scriptFromStdinPrintsTheRawTrace() {
        CliResult result = cli().runWithInput("{\"steps\":[]}", "browser", "run", "-", "--json");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).endsWith("}\n").hasLineCount(1);
        assertThatJson(result.stdout()).node("ok").isEqualTo(true);
        assertThatJson(result.stdout()).node("steps").isArray().isEmpty();
        assertThatJson(result.stdout()).node("session.launched").isEqualTo(true);
        assertThat(result.stderr()).isEmpty();
        awaitNoBrowserFiles();
    }

    /** The browser of a finished command is closed with its connection (browser §11). */
    private static void awaitNoBrowserFiles() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(browserRunDirEntries()).isEmpty());
    }

    private static List<Path> browserRunDirEntries() throws IOException {
        Path dir = root.resolve("run").resolve("browser");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** A daemon that takes longer than the client timeout of 1 s to answer. */
    private static FakeWebSocketServer.Action slowly(Supplier<FakeWebSocketServer.Action> answer) {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer.get();
    }
}
