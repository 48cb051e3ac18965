package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour that needs no daemon: version, usage, discovery errors, input checked before
 * connecting and the "no daemon" path (cli §9 checks 1, 2, 3, the usage parts of 9 and 25; core
 * §19 check 3).
 */
class CliUsageIT {
    @TempDir
    Path home;

    private final AgentdCli cli = new AgentdCli();

    /** cli check 1. */
    @Test
    void versionPrintsAgentdVersion() {
        CliResult longForm = cli.run("--version");
        CliResult shortForm = cli.run("-V");

        assertThat(longForm.exitCode()).as(longForm.describe()).isZero();
        assertThat(longForm.stdout()).isEqualTo("agentd 0.1.0\n");
        assertThat(shortForm.stdout()).isEqualTo("agentd 0.1.0\n");
        assertThat(longForm.stderr()).isEmpty();
    }

    /** cli check 1. */
    @Test
    void noArgumentsPrintsUsageOnStderrAndExits2() {
        CliResult result = cli.run();

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Usage: agentd").contains("serve", "status", "stop", "agents", "call");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 1. */
    @Test
    void unknownOptionIsUsageError() {
        CliResult topLevel = cli.run("--bogus");
        CliResult subcommand = cli.run("status", "--bogus");

        for (CliResult result : new CliResult[] {topLevel, subcommand}) {
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.stderr()).contains("--bogus")
                    .endsWith("\nTry 'agentd --help' for more information.\n");
            assertThat(result.stdout()).isEmpty();
        }
    }

    /** cli §2.1: help goes to stdout with exit 0, for the top level and each command. */
    @Test
    void helpGoesToStdout() {
        CliResult topLevel = cli.run("--help");
        CliResult call = cli.run("call", "-h");

        assertThat(topLevel.exitCode()).isZero();
        assertThat(topLevel.stdout()).startsWith("Usage: agentd");
        assertThat(call.exitCode()).isZero();
        assertThat(call.stdout()).startsWith("Usage: agentd call").contains("--host-role", "--namespace", "--json");
    }

    /** cli check 2. */
    @Test
    void relativeAgentdHomeIsUsageError() {
        CliResult result = cli.env("AGENTD_HOME", "rel").run("agents", "list");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("agentd: AGENTD_HOME must be an absolute path, got 'rel'\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli §3.1 for the option. */
    @Test
    void relativeHomeOptionIsUsageError() {
        CliResult result = cli.run("status", "--home", "rel/dir");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("agentd: --home must be an absolute path, got 'rel/dir'\n");
    }

    /** cli §3.2. */
    @Test
    void invalidUrlIsUsageError() {
        CliResult result = cli.env("AGENTD_HOME", home.toString()).env("AGENTD_URL", "http://localhost:9100/")
                .run("agents", "list");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr())
                .isEqualTo("agentd: invalid daemon URL 'http://localhost:9100/' (expected ws://HOST:PORT/)\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 3, for a daemon-token, a host-token and a credential-free command. */
    @Test
    void noDaemonExits3WithExactMessage() throws IOException {
        String url = "ws://127.0.0.1:" + closedPort() + "/";
        AgentdCli client = cli.env("AGENTD_HOME", home.toString()).env("AGENTD_URL", url);

        for (String[] command : new String[][] {{"agents", "list"}, {"stop"}, {"status"}}) {
            CliResult result = client.run(command);
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
            assertThat(result.stderr()).isEqualTo("agentd: no daemon at " + url + "; start one with `agentd serve`\n");
            assertThat(result.stdout()).isEmpty();
        }
    }

    /** core check 3 and cli check 25: a relative root, by variable or option. */
    @Test
    void serveWithRelativeRootExits2() {
        CliResult byVariable = cli.env("AGENTD_HOME", "relative/dir").run("serve", "--port", "0");
        CliResult byOption = cli.run("serve", "--port", "0", "--home", "rel");

        assertThat(byVariable.exitCode()).as(byVariable.describe()).isEqualTo(2);
        assertThat(byVariable.stderr()).contains("relative/dir");
        assertThat(byOption.exitCode()).as(byOption.describe()).isEqualTo(2);
        assertThat(byOption.stderr()).contains("'rel'");
        assertThat(byVariable.stdout() + byOption.stdout()).isEmpty();
    }

    /** cli check 25: a port outside 0–65535 is a configuration error, and nothing is created. */
    @Test
    void serveWithPortOutOfRangeExits2() {
        Path root = home.resolve("root");
        CliResult result = cli.run("serve", "--port", "70000", "--home", root.toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("70000");
        assertThat(result.stdout()).isEmpty();
        assertThat(root).doesNotExist();
    }

    /** cli §6.1: bad option values are usage errors. */
    @Test
    void serveRejectsBadOptionValues() {
        Path root = home.resolve("root");
        CliResult duration = cli.run("serve", "--port", "0", "--home", root.toString(), "--handler-timeout", "5x");
        CliResult messageSize = cli.run("serve", "--port", "0", "--home", root.toString(), "--max-message-bytes", "100");

        assertThat(duration.exitCode()).as(duration.describe()).isEqualTo(2);
        assertThat(duration.stderr()).contains("invalid duration '5x'").contains("Try 'agentd --help'");
        assertThat(messageSize.exitCode()).as(messageSize.describe()).isEqualTo(2);
        assertThat(messageSize.stderr()).contains("100");
        assertThat(root).doesNotExist();
    }

    /** mcp §7.5: a malformed or out-of-range {@code --mcp-*} value → exit 2, and nothing is created. */
    @Test
    void serveRejectsBadMcpOptionValues() {
        Path root = home.resolve("root");
        CliResult duration = cli.run("serve", "--port", "0", "--home", root.toString(), "--mcp-idle-ttl", "soon");
        CliResult ring = cli.run("serve", "--port", "0", "--home", root.toString(), "--mcp-ring", "8");

        assertThat(duration.exitCode()).as(duration.describe()).isEqualTo(2);
        assertThat(duration.stderr()).contains("invalid duration 'soon'").contains("Try 'agentd --help'");
        assertThat(ring.exitCode()).as(ring.describe()).isEqualTo(2);
        assertThat(ring.stderr()).isEqualTo("agentd: mcp-ring: 8 (expected: 16-65536)\n");
        assertThat(duration.stdout() + ring.stdout()).isEmpty();
        assertThat(root).doesNotExist();
    }

    /** core §11: a root that exists and is not a directory → exit 2. */
    @Test
    void serveWithRootThatIsAFileExits2() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        CliResult result = cli.run("serve", "--port", "0", "--home", file.toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("agentd: state root " + file + " exists and is not a directory\n");
    }

    /** cli §3.3: a token file that exists but cannot be read → exit 1, naming the file. */
    @Test
    void unreadableTokenFileExits1() throws IOException {
        Path tokenFile = Files.createDirectory(home.resolve("auth-token"));
        CliResult result = cli.env("AGENTD_HOME", home.toString()).run("agents", "list");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("agentd: cannot read token file " + tokenFile + ": ");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli §1: {@code agents} alone prints its sub-command usage on stderr and exits 2. */
    @Test
    void agentsAloneIsUsageOnStderr() {
        CliResult result = cli.run("agents");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Usage: agentd agents")
                .contains("list, ls", "upsert", "start", "stop", "restart", "remove", "logs");
        assertThat(result.stdout()).isEmpty();
    }

    /**
     * cli check 9 and §6.5: both upsert forms, neither, or an incomplete flag form are usage errors,
     * found before connecting (the URL points at a closed port, which would exit 3).
     */
    @Test
    void upsertFormsAreCheckedBeforeConnecting() throws IOException {
        AgentdCli client = cli.env("AGENTD_HOME", home.toString())
                .env("AGENTD_URL", "ws://127.0.0.1:" + closedPort() + "/");
        Path spec = Files.writeString(home.resolve("spec.json"), "{\"id\":\"a\",\"command\":\"/bin/sh\"}");

        CliResult both = client.run("agents", "upsert", "--file", spec.toString(), "--id", "t1");
        CliResult neither = client.run("agents", "upsert");
        CliResult noId = client.run("agents", "upsert", "--command", "/bin/sh");
        CliResult noCommand = client.run("agents", "upsert", "--id", "t1", "--arg", "x");
        CliResult badEnv = client.run("agents", "upsert", "--id", "t1", "--command", "/bin/sh", "--env", "NOEQUALS");

        for (CliResult result : List.of(both, neither, noId, noCommand, badEnv)) {
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("agentd: ").endsWith("\nTry 'agentd --help' for more information.\n");
            assertThat(result.stdout()).isEmpty();
        }
        assertThat(both.stderr()).contains("--file cannot be combined with --id");
        assertThat(noCommand.stderr()).contains("--command is required unless --interpreter is given");
        assertThat(badEnv.stderr()).contains("NOEQUALS");
    }

    /** cli §6.5: a file that is not a JSON object, or cannot be read, is a usage error (exit 2). */
    @Test
    void upsertFileMustHoldAJsonObject() throws IOException {
        AgentdCli client = cli.env("AGENTD_HOME", home.toString())
                .env("AGENTD_URL", "ws://127.0.0.1:" + closedPort() + "/");
        Path notJson = Files.writeString(home.resolve("bad.json"), "{\"id\": ");
        Path array = Files.writeString(home.resolve("array.json"), "[1]");
        Path trailing = Files.writeString(home.resolve("two.json"), "{} {}");
        Path missing = home.resolve("missing.json");

        CliResult invalid = client.run("agents", "upsert", "--file", notJson.toString());
        CliResult notObject = client.run("agents", "upsert", "--file", array.toString());
        CliResult twoValues = client.run("agents", "upsert", "--file", trailing.toString());
        CliResult fromStdin = client.runWithInput("nope", "agents", "upsert", "--file", "-");
        CliResult unreadable = client.run("agents", "upsert", "--file", missing.toString());

        for (CliResult result : List.of(invalid, notObject, twoValues, fromStdin, unreadable)) {
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.stderr()).hasLineCount(1);
            assertThat(result.stdout()).isEmpty();
        }
        assertThat(invalid.stderr()).startsWith("agentd: " + notJson + " is not valid JSON: ");
        assertThat(notObject.stderr()).isEqualTo("agentd: " + array + " is not a JSON object\n");
        assertThat(twoValues.stderr()).startsWith("agentd: " + trailing + " is not valid JSON: ");
        assertThat(fromStdin.stderr()).startsWith("agentd: stdin is not valid JSON: ");
        assertThat(unreadable.stderr()).isEqualTo("agentd: cannot read " + missing + ": no such file\n");
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
