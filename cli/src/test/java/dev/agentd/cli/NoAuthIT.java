package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cli §9 check 7: against a {@code --no-auth} daemon every command works without token files
 * (also covers {@code stop --json}, cli §6.3).
 */
class NoAuthIT {
    @TempDir
    Path temp;

    private DaemonProcess daemon;

    @AfterEach
    void killDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void everyCommandSucceedsWithoutTokens() {
        Path root = temp.resolve("home");
        daemon = DaemonProcess.start(root, "--no-auth");
        assertThat(root.resolve("auth-token")).doesNotExist();
        assertThat(root.resolve("host-token")).doesNotExist();
        AgentdCli cli = new AgentdCli().env("AGENTD_HOME", root.toString());

        CliResult status = cli.run("status");
        CliResult daemonTokenCommand = cli.run("call", "test.block", "{\"ms\":0}");
        CliResult upsert = cli.run("agents", "upsert", "--id", "a1", "--command", "/bin/sh");
        CliResult list = cli.run("agents", "list");
        CliResult remove = cli.run("agents", "remove", "a1");
        CliResult hostTokenCommand = cli.run("call", "--host-role", "test.block", "{\"ms\":0}");
        CliResult runs = cli.run("runs", "list", "a1");
        CliResult stop = cli.run("stop", "--json");

        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.stdout()).endsWith("  auth:      off\n");
        assertThat(daemonTokenCommand.exitCode()).as(daemonTokenCommand.describe()).isZero();
        assertThat(upsert.exitCode()).as(upsert.describe()).isZero();
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdout()).contains("\na1  stopped  ");
        assertThat(remove.stdout()).isEqualTo("removed a1\n");
        assertThat(hostTokenCommand.exitCode()).as(hostTokenCommand.describe()).isZero();
        assertThat(runs.stdout()).as(runs.describe()).isEqualTo("RUN_ID  STATUS  TURNS  STARTED  ENDED  INTENT\n");
        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdout()).isEqualTo("{\"ok\":true,\"pid\":" + daemon.pid() + "}\n");
        assertThat(daemon.awaitExit()).isZero();
    }
}
