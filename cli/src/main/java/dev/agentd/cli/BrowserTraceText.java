package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The human form of a {@code browser.run} trace (cli §6.11): one line per executed step,
 * {@code #<i> <op> ok|FAIL <ms>ms [<kind>: <message>]}, then {@code final: <url>}; and the failure a
 * trace with {@code ok: false} turns into (exit 1, {@code step <i> failed: <kind>: <message>}).
 */
final class BrowserTraceText {
    private BrowserTraceText() {}

    static String render(JsonNode trace) {
        StringBuilder text = new StringBuilder();
        for (JsonNode step : trace.path("steps")) {
            text.append(stepLine(step)).append('\n');
        }
        return text.append("final: ").append(trace.path("final_url").asText("-")).append('\n').toString();
    }

    private static String stepLine(JsonNode step) {
        boolean ok = step.path("ok").asBoolean(false);
        String line = "#" + step.path("index").asInt() + " " + step.path("op").asText() + " " + (ok ? "ok" : "FAIL")
                + " " + step.path("duration_ms").asLong() + "ms";
        return ok ? line : line + " " + error(step);
    }

    /** The first failed step of a trace with {@code ok: false}, as the command's failure. */
    static Optional<CommandFailure> firstFailure(JsonNode trace) {
        if (trace.path("ok").asBoolean(true)) {
            return Optional.empty();
        }
        int index = trace.path("failed_step").asInt(-1);
        for (JsonNode step : trace.path("steps")) {
            if (step.path("index").asInt() == index) {
                return Optional.of(new CommandFailure(Failures.RUNTIME, List.of("step " + index + " failed: " + error(step))));
            }
        }
        return Optional.of(new CommandFailure(Failures.RUNTIME, List.of("step " + index + " failed")));
    }

    private static String error(JsonNode step) {
        JsonNode error = step.path("error");
        return error.path("kind").asText() + ": " + error.path("message").asText();
    }
}
