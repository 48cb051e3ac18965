package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentd serve} start-up as a real process: the ready line, {@code daemon.json}, token files
 * and modes, the single-instance lock and recovery after {@code kill -9} (core §19 checks 1, 2, 4,
 * 6, 41; cli §9 checks 20 and 25).
 */
class ServeIT {
    private static final String TOKEN_PATTERN = "[A-Za-z0-9_-]{43}";

    @TempDir
    Path temp;

    private final List<DaemonProcess> daemons = new ArrayList<>();

    private DaemonProcess start(Path root, String... extraArgs) {
        DaemonProcess daemon = DaemonProcess.start(root, extraArgs);
        daemons.add(daemon);
        return daemon;
    }

    @AfterEach
    void killDaemons() {
        daemons.forEach(DaemonProcess::close);
    }

    /** core check 1 and cli check 25: one ready line; {@code daemon.json} agrees with it. */
    @Test
    void readyLineAndDaemonJsonAgree() throws IOException {
        Path root = temp.resolve("home");
        DaemonProcess daemon = start(root);

        assertThat(daemon.stdout()).matches("agentd listening on ws://127\\.0\\.0\\.1:\\d+/\n");
        Path daemonJson = root.resolve("run/daemon.json");
        assertThat(mode(daemonJson)).isEqualTo("rw-------");
        JsonNode published = Json.mapper().readTree(daemonJson.toFile());
        assertThatJson(published).isObject().containsEntry("port", daemon.port())
                .containsEntry("ws_url", daemon.wsUrl())
                .containsEntry("pid", daemon.pid())
                .containsEntry("mcp_url", "http://127.0.0.1:" + daemon.port() + "/mcp")
                .containsEntry("version", "0.1.0")
                .containsEntry("protocol_version", 2)
                .containsEntry("auth_enabled", true);
    }

    /**
     * core checks 2 and 41: root 0700, tokens 0600 and 43 base64url characters each, every file
     * and directory under the root private; the tokens change after a restart.
     */
    @Test
    void tokensAndModesAreTightAndTokensChangeOnRestart() throws IOException {
        Path root = temp.resolve("home");
        DaemonProcess first = start(root);
        String authToken = first.authToken();
        String hostToken = first.hostToken();

        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(Files.readString(root.resolve("auth-token"))).matches(TOKEN_PATTERN);
        assertThat(Files.readString(root.resolve("host-token"))).matches(TOKEN_PATTERN);
        assertThat(authToken).isNotEqualTo(hostToken);
        assertEveryEntryIsPrivate(root);

        assertThat(first.terminate()).isZero();
        DaemonProcess second = start(root);

        assertThat(second.authToken()).matches(TOKEN_PATTERN).isNotEqualTo(authToken);
        assertThat(second.hostToken()).matches(TOKEN_PATTERN).isNotEqualTo(hostToken);
        assertEveryEntryIsPrivate(root);
    }

    /** core check 4 and cli check 25: a second {@code serve} on the same root exits 3 and changes nothing. */
    @Test
    void secondServeOnSameRootExits3AndLeavesFirstUntouched() throws IOException {
        Path root = temp.resolve("home");
        DaemonProcess first = start(root);
        Map<String, byte[]> before = snapshot(root);

        CliResult second = new AgentdCli().run("serve", "--port", "0", "--home", root.toString());

        assertThat(second.exitCode()).as(second.describe()).isEqualTo(3);
        assertThat(second.stderr()).contains("agentd: another agentd (pid " + first.pid() + ") is already running on "
                + root + " at " + first.wsUrl());
        assertThat(second.stdout()).isEmpty();
        Map<String, byte[]> after = snapshot(root);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
        CliResult stillAnswers = new AgentdCli().env("AGENTD_HOME", root.toString())
                .run("call", "test.block", "{\"ms\":0}");
        assertThat(stillAnswers.exitCode()).as(stillAnswers.describe()).isZero();
    }

    /**
     * core check 6 and the second half of cli check 20: after {@code kill -9}, {@code status} names
     * the stale {@code daemon.json}; a new daemon replaces both tokens and {@code daemon.json}.
     */
    @Test
    void afterKillStatusReportsStaleFileAndNewDaemonReplacesIt() throws IOException {
        Path root = temp.resolve("home");
        DaemonProcess killed = start(root);
        Map<String, byte[]> before = snapshot(root);
        killed.kill();

        CliResult status = new AgentdCli().env("AGENTD_HOME", root.toString()).run("status");

        assertThat(status.exitCode()).as(status.describe()).isEqualTo(3);
        assertThat(status.stderr()).isEqualTo("agentd: no daemon at " + killed.wsUrl() + "; start one with `agentd serve`\n"
                + "agentd: stale " + root.resolve("run/daemon.json") + " (pid " + killed.pid() + " is not answering)\n");
        assertThat(status.stdout()).isEmpty();

        DaemonProcess replacement = start(root);
        Map<String, byte[]> after = snapshot(root);
        for (String name : List.of("auth-token", "host-token", "run/daemon.json")) {
            assertThat(after.get(name)).as(name).isNotNull().isNotEqualTo(before.get(name));
        }
        JsonNode published = Json.mapper().readTree(root.resolve("run/daemon.json").toFile());
        assertThat(published.get("pid").asLong()).isEqualTo(replacement.pid());
        assertThat(published.get("ws_url").asText()).isEqualTo(replacement.wsUrl());
    }

    private static void assertEveryEntryIsPrivate(Path root) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            entries.forEach(entry -> assertThat(mode(entry)).as(entry.toString())
                    .isEqualTo(Files.isDirectory(entry) ? "rwx------" : "rw-------"));
        }
    }

    /** The three files a daemon publishes, by path relative to the root. */
    private static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        for (String name : List.of("auth-token", "host-token", "run/daemon.json")) {
            Path file = root.resolve(name);
            if (Files.exists(file)) {
                files.put(name, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
