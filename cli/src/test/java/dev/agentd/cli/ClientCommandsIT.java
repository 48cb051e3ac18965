package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client commands against one shared auth-on daemon that none of these tests stops and on which no
 * agent is ever created (cli §9 checks 4, 5, 6, 8, 18, 20 and the stdout-empty rule of 26). Tests
 * that take a token file away put it back.
 */
class ClientCommandsIT {
    private static final String BLOCK_0 = "{\"ms\":0}";

    @TempDir
    static Path root;

    private static DaemonProcess daemon;
    private static String authToken;
    private static String hostToken;

    @TempDir
    Path otherHome;

    @BeforeAll
    static void startDaemon() {
        daemon = DaemonProcess.start(root);
        authToken = daemon.authToken();
        hostToken = daemon.hostToken();
    }

    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    /** Every test leaves the shared daemon running and its token files as the daemon wrote them. */
    @AfterEach
    void daemonIsUntouched() {
        assertThat(daemon.isAlive()).as("shared daemon still running").isTrue();
        assertThat(daemon.authToken()).isEqualTo(authToken);
        assertThat(daemon.hostToken()).isEqualTo(hostToken);
    }

    private static AgentdCli cli() {
        return new AgentdCli().env("AGENTD_HOME", root.toString());
    }

    /** cli check 4: only {@code AGENTD_HOME} set → the URL comes from {@code daemon.json}. */
    @Test
    void reachesDaemonThroughDaemonJson() {
        CliResult result = cli().run("agents", "list", "--json");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).isEqualTo("[]\n");
        assertThat(result.stderr()).isEmpty();
    }

    /** cli check 8: no agent has ever been created on this daemon. */
    @Test
    void agentsListOnAnEmptyDaemonIsTheHeaderOnly() {
        CliResult human = cli().run("agents", "list");
        CliResult alias = cli().run("agents", "ls", "--json");

        assertThat(human.exitCode()).as(human.describe()).isZero();
        assertThat(human.stdout()).isEqualTo("ID  STATUS  PID  EXIT  RESTARTS  ATTACHED  COMMAND\n");
        assertThat(alias.exitCode()).as(alias.describe()).isZero();
        assertThat(alias.stdout()).isEqualTo("[]\n");
    }

    /** cli check 4: {@code AGENTD_URL} beats {@code daemon.json}; {@code --url} beats {@code AGENTD_URL}. */
    @Test
    void urlPrecedence() throws IOException {
        String closed = "ws://127.0.0.1:" + CliUsageIT.closedPort() + "/";

        CliResult wrongVariable = cli().env("AGENTD_URL", closed).run("agents", "list");
        CliResult optionWins = cli().env("AGENTD_URL", closed).run("agents", "list", "--url", daemon.wsUrl());

        assertThat(wrongVariable.exitCode()).as(wrongVariable.describe()).isEqualTo(3);
        assertThat(wrongVariable.stderr()).isEqualTo("agentd: no daemon at " + closed + "; start one with `agentd serve`\n");
        assertThat(wrongVariable.stdout()).isEmpty();
        assertThat(optionWins.exitCode()).as(optionWins.describe()).isZero();
    }

    /** cli check 5: a wrong token is reported without its value. */
    @Test
    void wrongTokenIsRejectedWithoutEchoingIt() {
        CliResult result = cli().env("AGENTD_TOKEN", "wrong").run("agents", "list");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: auth failed: token mismatch (token from AGENTD_TOKEN)\n"
                + "agentd: the daemon at " + daemon.wsUrl()
                + " was started with a different token; check AGENTD_TOKEN and AGENTD_HOME\n");
        assertThat(result.stderr()).doesNotContain("wrong");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 5: a blank {@code AGENTD_TOKEN} counts as unset. */
    @Test
    void blankAgentdTokenFallsBackToFile() {
        CliResult result = cli().env("AGENTD_TOKEN", "  ").run("agents", "list");

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    /** cli check 5: token files are trimmed, so a trailing newline works. */
    @Test
    void tokenFileWithTrailingNewlineWorks() throws IOException {
        Files.writeString(otherHome.resolve("auth-token"), authToken + "\n");

        CliResult result = new AgentdCli().env("AGENTD_HOME", otherHome.toString())
                .run("agents", "list", "--url", daemon.wsUrl());

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    /** cli check 6: with {@code auth-token} deleted the daemon's -32001 becomes "no token found". */
    @Test
    void deletedAuthTokenIsNoTokenFound() throws IOException {
        Path tokenFile = root.resolve("auth-token");
        byte[] saved = Files.readAllBytes(tokenFile);
        Files.delete(tokenFile);
        try {
            CliResult result = cli().run("agents", "list");

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo(
                    "agentd: auth required: no token found (checked AGENTD_TOKEN, " + tokenFile + ")\n");
            assertThat(result.stdout()).isEmpty();
        } finally {
            restore(tokenFile, saved);
        }
    }

    /** cli §6.3: no host token on an auth-on daemon → "no token found" naming {@code host-token}. */
    @Test
    void stopWithoutHostTokenIsNoTokenFound() throws IOException {
        Path tokenFile = root.resolve("host-token");
        byte[] saved = Files.readAllBytes(tokenFile);
        Files.delete(tokenFile);
        try {
            CliResult result = cli().env("AGENTD_TOKEN", authToken).run("stop");

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("agentd: auth required: no token found (checked " + tokenFile + ")\n");
            assertThat(result.stdout()).isEmpty();
        } finally {
            restore(tokenFile, saved);
        }
    }

    /** cli check 18: unknown method. */
    @Test
    void unknownMethodIsRpcError() {
        CliResult result = cli().run("call", "foo.bar");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: error -32601: method not found: foo.bar\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 18 and core check 35: {@code server.shutdown} with the daemon token. */
    @Test
    void shutdownNeedsHostRole() {
        CliResult result = cli().run("call", "server.shutdown");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: error -32603: host role required: server.shutdown\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 18: params that are not JSON, or not an object → exit 2, nothing sent. */
    @Test
    void paramsMustBeJsonObject() {
        CliResult notJson = cli().run("call", "memory.fact_count", "x");
        CliResult array = cli().run("call", "test.block", "[1]");

        assertThat(notJson.exitCode()).as(notJson.describe()).isEqualTo(2);
        assertThat(notJson.stderr()).startsWith("agentd: PARAMS_JSON is not valid JSON: ");
        assertThat(array.exitCode()).as(array.describe()).isEqualTo(2);
        assertThat(array.stderr()).isEqualTo("agentd: PARAMS_JSON is not a JSON object\n");
        assertThat(notJson.stdout() + array.stdout()).isEmpty();
    }

    /** cli §6.12: pretty by default, compact with {@code --json}. */
    @Test
    void callPrintsPrettyOrCompactResult() {
        CliResult pretty = cli().run("call", "test.block", BLOCK_0);
        CliResult compact = cli().run("call", "test.block", BLOCK_0, "--json");

        assertThat(pretty.exitCode()).as(pretty.describe()).isZero();
        assertThat(pretty.stdout()).isEqualTo("{\n  \"slept_ms\": 0,\n  \"concurrent\": 1\n}\n");
        assertThat(compact.exitCode()).as(compact.describe()).isZero();
        assertThat(compact.stdout()).isEqualTo("{\"slept_ms\":0,\"concurrent\":1}\n");
    }

    /** cli §6.12: {@code null} params are accepted and sent as {}, so the daemon judges them. */
    @Test
    void nullParamsAreSentAsEmptyObject() {
        CliResult result = cli().run("call", "test.block", "null");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("agentd: error -32602: invalid params: ");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli §6.12: {@code -} reads the params from stdin. */
    @Test
    void callReadsParamsFromStdin() {
        CliResult result = cli().runWithInput("{\"ms\": 1}\n", "call", "test.block", "-", "--json");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThatJson(result.stdout()).isEqualTo("{\"slept_ms\":1,\"concurrent\":1}");
    }

    /** cli §3.3: {@code --host-role} uses {@code host-token}; {@code AGENTD_TOKEN} is never used for it. */
    @Test
    void hostRoleIgnoresAgentdToken() {
        CliResult result = cli().env("AGENTD_TOKEN", "garbage").run("call", "--host-role", "test.block", BLOCK_0);

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    /** cli §4.3: the main request's reply is bounded by {@code AGENTD_TIMEOUT}. */
    @Test
    void slowReplyTimesOut() {
        CliResult result = cli().env("AGENTD_TIMEOUT", "1").run("call", "test.block", "{\"ms\":4000}");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr())
                .isEqualTo("agentd: timed out after 1s waiting for test.block from " + daemon.wsUrl() + "\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 20: {@code status} and {@code status --json}. */
    @Test
    void statusReportsRunningDaemon() throws IOException {
        CliResult human = cli().run("status");
        CliResult json = cli().run("status", "--json");

        assertThat(human.exitCode()).as(human.describe()).isZero();
        assertThat(human.stdout()).startsWith("agentd is running\n")
                .contains("  url:       " + daemon.wsUrl() + "\n")
                .contains("  pid:       " + daemon.pid() + "\n")
                .contains("  version:   0.1.0\n")
                .contains("  protocol:  2\n")
                .containsPattern("  uptime:    (\\d+h)?(\\d+m)?\\d+s\n")
                .endsWith("  auth:      on\n");
        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode report = Json.mapper().readTree(json.stdout());
        assertThat(report.fieldNames().next()).isEqualTo("url");
        assertThatJson(report).isEqualTo("{\"url\":\"" + daemon.wsUrl() + "\",\"status\":\"ok\",\"version\":\"0.1.0\","
                + "\"protocol_version\":2,\"pid\":" + daemon.pid() + ",\"uptime_ms\":\"${json-unit.any-number}\","
                + "\"auth_enabled\":true}");
        assertThat(json.stdout()).endsWith("}\n").doesNotContain("\n{");
    }

    private static void restore(Path tokenFile, byte[] contents) throws IOException {
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tokenFile, contents);
    }
}
