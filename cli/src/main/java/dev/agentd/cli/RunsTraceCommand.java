package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.Environment;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentd runs trace RUN_ID [--follow]} (cli §6.10), with the host token: a run's records,
 * one line each; with {@code --follow}, the turns recorded so far and then each one as it is
 * recorded, until the run ends (exit 0 whatever its outcome), Ctrl-C (exit 0) or the connection
 * is lost (exit 1).
 *
 * <p>A trace longer than one {@code runs.get_trace} reply (8 MiB) is read page by page; with
 * {@code --json} each page's result is one line.
 */
@Command(name = "trace", description = "Print a run's records; --follow prints new ones until the run ends.")
public final class RunsTraceCommand implements Callable<Integer> {
    static final String GET_TRACE = "runs.get_trace";
    static final String EVENT = "runs.trace.event";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id.")
    String runId;

    @Option(names = {"-f", "--follow"}, description = "Keep printing records as they are recorded, until the run ends.")
    boolean follow;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.resolve(
                client, ConnectionTarget.CredentialKind.HOST_TOKEN, Environment.system());
        CommandOutput output = CommandOutput.of(spec);
        if (!follow) {
            try (DaemonConnection connection = DaemonConnection.open(target, null)) {
                printTrace(connection, output);
            }
            return 0;
        }
        // Ctrl-C while connecting is still the JVM's (exit 130): only the loop itself ends with 0.
        try (DaemonConnection connection = DaemonConnection.open(target, null);
                FollowInterrupt interrupt = FollowInterrupt.install()) {
            return follow(connection, interrupt, output);
        }
    }

    private void printTrace(DaemonConnection connection, CommandOutput output) {
        JsonNode page = connection.request(GET_TRACE, runParams());
        if (page.path("not_found").asBoolean(false)) {
            if (json.enabled) {
                output.json(page);
            }
            throw Failures.runNotFound(runId);
        }
        while (true) {
            if (json.enabled) {
                output.json(page);
            } else {
                page.path("records").forEach(record -> output.line(TraceLine.of(record)));
            }
            if (!page.path("more").asBoolean(false) || !page.hasNonNull("next_cursor")) {
                return;
            }
            page = connection.request(GET_TRACE, runParams().put("cursor", page.get("next_cursor").asLong()));
        }
    }

    private int follow(DaemonConnection connection, FollowInterrupt interrupt, CommandOutput output) {
        NotificationInbox events = connection.listen(EVENT);
        TraceFollower.TraceView view = json.enabled ? new JsonView(output) : new HumanView(output);
        try {
            new TraceFollower(runId, new ConnectionFeed(connection, events), view).follow();
            return 0;
        } catch (InterruptedException | ConnectionFailure e) {
            // Only the Ctrl-C handler interrupts this thread; a failure without Ctrl-C stands.
            if (e instanceof ConnectionFailure failure && !interrupt.requested()) {
                throw failure;
            }
            interrupt.acknowledge();
            return 0;
        }
    }

    private ObjectNode runParams() {
        return Json.mapper().createObjectNode().put("run_id", runId);
    }

    /** The follow loop's requests and events, on the command's connection. */
    private record ConnectionFeed(DaemonConnection connection, NotificationInbox events)
            implements TraceFollower.TraceFeed {
        @Override
        public JsonNode subscribe(String runId) {
            return connection.request("runs.subscribe", params(runId));
        }

        @Override
        public JsonNode getTrace(String runId, long cursor) {
            ObjectNode params = params(runId);
            if (cursor > 0) {
                params.put("cursor", cursor);
            }
            return connection.request(GET_TRACE, params);
        }

        @Override
        public void unsubscribe(String runId) {
            connection.request("runs.unsubscribe", params(runId));
        }

        @Override
        public JsonNode nextEvent() throws InterruptedException {
            return events.next();
        }

        private static ObjectNode params(String runId) {
            return Json.mapper().createObjectNode().put("run_id", runId);
        }
    }

    /** One line per record. */
    private record HumanView(CommandOutput output) implements TraceFollower.TraceView {
        @Override
        public void subscribed(JsonNode result, List<JsonNode> newTurns) {
            newTurns.forEach(turn -> output.line(TraceLine.of(turn)));
        }

        @Override
        public void event(JsonNode params) {
            output.line(TraceLine.of(params.path("record")));
        }

        @Override
        public void finished(List<JsonNode> tracePages, JsonNode ended) {
            if (ended != null) {
                output.line(TraceLine.of(ended));
            }
        }
    }

    /** NDJSON: every subscribe result, every event that advanced the run, every trace page read. */
    private record JsonView(CommandOutput output) implements TraceFollower.TraceView {
        @Override
        public void subscribed(JsonNode result, List<JsonNode> newTurns) {
            output.json(result);
        }

        @Override
        public void event(JsonNode params) {
            output.json(params);
        }

        @Override
        public void finished(List<JsonNode> tracePages, JsonNode ended) {
            tracePages.forEach(output::json);
        }
    }
}
