package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code agentd agents logs ID [-n N] [--follow]} (cli §6.7): the last lines of an agent's
 * stdout and stderr logs (the daemon's combined view), then, with {@code --follow}, every line
 * written afterwards, polled once a second on the same connection until Ctrl-C (exit 0) or the
 * connection is lost (exit 1).
 */
@Command(name = "logs", description = "Print an agent's latest log lines; --follow keeps printing new ones.")
public final class AgentsLogsCommand implements Callable<Integer> {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final String METHOD = "agents.tail_log";

    @Mixin
    AgentCommandOptions agent;

    @Option(names = "-n", paramLabel = "N", defaultValue = "100",
            description = "Lines per stream; 0 prints the whole log (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written, until Ctrl-C.")
    boolean follow;

    @Override
    public Integer call() {
        ConnectionTarget target = agent.target();
        CommandOutput output = agent.output();
        if (!follow) {
            printFirst(output, DaemonConnection.requestOnce(target, null, METHOD, agent.params().put("n", lines)));
            return 0;
        }
        // Ctrl-C while connecting is still the JVM's (exit 130): only the loop itself ends with 0.
        try (DaemonConnection connection = DaemonConnection.open(target, null);
                FollowInterrupt interrupt = FollowInterrupt.install()) {
            return follow(connection, interrupt, output);
        }
    }

    private int follow(DaemonConnection connection, FollowInterrupt interrupt, CommandOutput output) {
        try {
            JsonNode first = connection.request(METHOD, agent.params().put("n", lines));
            printFirst(output, first);
            LogFollower follower = new LogFollower(agent.id, params -> connection.request(METHOD, params), first);
            while (true) {
                Thread.sleep(POLL_INTERVAL.toMillis());
                print(output, follower.poll());
            }
        } catch (InterruptedException | ConnectionFailure e) {
            // Only the Ctrl-C handler interrupts this thread; a failure without Ctrl-C is a lost connection.
            if (e instanceof ConnectionFailure failure && !interrupt.requested()) {
                throw failure;
            }
            interrupt.acknowledge();
            return 0;
        }
    }

    private void printFirst(CommandOutput output, JsonNode result) {
        if (agent.json()) {
            output.json(result);
        } else {
            printLines(output, LogFollower.lines(result.path("lines")));
        }
    }

    private void print(CommandOutput output, LogFollower.Poll poll) {
        for (LogFollower.Update update : poll.updates()) {
            if (update.startedOver()) {
                PrintWriter err = agent.err();
                err.print(Failures.PREFIX + update.stream() + " log of '" + agent.id + "' shrank; starting over\n");
                err.flush();
            }
            if (!agent.json()) {
                printLines(output, update.lines());
            }
        }
        if (agent.json() && poll.hasNewLines()) {
            output.json(pollResult(poll));
        }
    }

    private static void printLines(CommandOutput output, List<String> lines) {
        if (!lines.isEmpty()) {
            output.text(String.join("\n", lines) + "\n");
        }
    }

    /**
     * The {@code --json} object for a poll: the shape of an {@code agents.tail_log} result (the
     * size probe's, keys in the order received) holding only the new lines, the sizes now seen,
     * and {@code more} true when lines were skipped because the growth exceeded the widest window.
     */
    static ObjectNode pollResult(LogFollower.Poll poll) {
        ObjectNode result = poll.probe() instanceof ObjectNode probe ? probe.deepCopy() : Json.mapper().createObjectNode();
        ArrayNode combined = result.putArray("lines");
        boolean linesLost = false;
        for (String stream : LogFollower.STREAMS) {
            ArrayNode added = result.putArray(stream);
            for (LogFollower.Update update : poll.updates()) {
                if (update.stream().equals(stream)) {
                    update.lines().forEach(added::add);
                    result.put(stream + "_bytes", update.size());
                    linesLost |= update.linesLost();
                }
            }
            combined.addAll(added);
            result.put(stream + "_total", added.size());
        }
        result.put("more", linesLost);
        return result;
    }
}
