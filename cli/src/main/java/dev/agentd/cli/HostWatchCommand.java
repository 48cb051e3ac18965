package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.Environment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentd host watch}: the host registry (host §4.1) as tables of agents and approvals, then
 * one line per {@code host.event} as it arrives, until Ctrl-C (exit 0) or the connection is lost
 * (exit 1). Events the daemon dropped for this watch are reported on stderr and followed by a
 * fresh snapshot (host §7). {@code --json}: each subscribe result and each event's params, one per
 * line.
 */
@Command(name = "watch", description = "Show the host registry and its events as they happen, until Ctrl-C.")
public final class HostWatchCommand implements Callable<Integer> {
    static final String EVENT = "host.event";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.resolve(
                client, ConnectionTarget.CredentialKind.HOST_TOKEN, Environment.system());
        // Ctrl-C while connecting is still the JVM's (exit 130): only the watch itself ends with 0.
        try (DaemonConnection connection = DaemonConnection.open(target, null);
                FollowInterrupt interrupt = FollowInterrupt.install()) {
            return watch(connection, interrupt);
        }
    }

    private int watch(DaemonConnection connection, FollowInterrupt interrupt) {
        NotificationInbox events = connection.listen(EVENT);
        HostWatch.HostFeed feed = new HostWatch.HostFeed() {
            @Override
            public JsonNode subscribe() {
                return connection.request("host.subscribe", Json.mapper().createObjectNode());
            }

            @Override
            public JsonNode nextEvent() throws InterruptedException {
                return events.next();
            }
        };
        try {
            new HostWatch(feed, new View(CommandOutput.of(spec), spec.commandLine().getErr(), json.enabled)).watch();
            return 0; // not reached: a watch ends by Ctrl-C or a lost connection
        } catch (InterruptedException | ConnectionFailure e) {
            if (e instanceof ConnectionFailure failure && !interrupt.requested()) {
                throw failure;
            }
            interrupt.acknowledge();
            return 0;
        }
    }

    /** Tables and event lines, or NDJSON; the drop notice goes to stderr either way. */
    private record View(CommandOutput output, PrintWriter err, boolean json) implements HostWatch.HostView {
        @Override
        public void snapshot(JsonNode subscribeResult) {
            if (json) {
                output.json(subscribeResult);
            } else {
                output.text(HostTables.snapshot(subscribeResult));
            }
        }

        @Override
        public void event(JsonNode event) {
            if (json) {
                output.json(event);
            } else {
                output.line(HostTables.eventLine(event));
            }
        }

        @Override
        public void missed(long first, long last) {
            String events = first == last ? "event #" + first : "events #" + first + " to #" + last;
            err.print(Failures.PREFIX + "missed host " + events
                    + " (dropped by the daemon: this watch fell behind); subscribing again\n");
            err.flush();
        }
    }
}
