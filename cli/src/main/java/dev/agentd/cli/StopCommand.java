package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.Environment;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentd stop} (cli §6.3): {@code server.shutdown} with the host token, then wait until the
 * daemon is really gone, so a following {@code serve} on the same root cannot find the lock held.
 */
@Command(name = "stop", description = "Stop the running daemon and wait for it to exit.")
public final class StopCommand implements Callable<Integer> {
    /** The daemon's own shutdown is capped at 30 s (core §15); this leaves it a margin. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(35);
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws InterruptedException {
        ConnectionTarget target = ConnectionTarget.resolve(
                client, ConnectionTarget.CredentialKind.HOST_TOKEN, Environment.system());
        JsonNode result;
        try (DaemonConnection connection = DaemonConnection.open(target, null)) {
            result = connection.request("server.shutdown", Json.mapper().createObjectNode());
        }
        long pid = result.path("pid").asLong();
        awaitExit(target, pid);
        PrintWriter out = spec.commandLine().getOut();
        out.print((json.enabled ? JsonOutput.compact(result) : "agentd stopped (pid " + pid + ")") + "\n");
        out.flush();
        return 0;
    }

    /** Polls until {@code /healthz} is refused and, on a loopback URL, process {@code pid} is gone. */
    private static void awaitExit(ConnectionTarget target, long pid) throws InterruptedException {
        HealthEndpoint health = new HealthEndpoint(target.url(), PROBE_TIMEOUT);
        Instant deadline = Instant.now().plus(EXIT_WAIT);
        while (!hasExited(target, health, pid)) {
            if (Instant.now().isAfter(deadline)) {
                throw Failures.didNotStop(pid, EXIT_WAIT.toSeconds());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static boolean hasExited(ConnectionTarget target, HealthEndpoint health, long pid)
            throws InterruptedException {
        if (!health.refusesConnections(PROBE_TIMEOUT)) {
            return false;
        }
        return !target.url().isLoopback()
                || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
