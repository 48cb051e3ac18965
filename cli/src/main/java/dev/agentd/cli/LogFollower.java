package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The follow algorithm of cli §6.7. It remembers, per stream, the file size last seen
 * ({@code stdout_bytes}/{@code stderr_bytes}; line totals cover only the scanned tail and are
 * not used), and on each poll fetches just the lines written since: a window of 100 lines from
 * the end, doubled while it does not reach back to the last seen size.
 */
final class LogFollower {
    static final List<String> STREAMS = List.of("stdout", "stderr");
    static final int FIRST_WINDOW = 100;
    static final int MAX_WINDOW = 100_000;

    /** One {@code agents.tail_log} call on the follow loop's connection. */
    @FunctionalInterface
    interface TailLog {
        JsonNode call(ObjectNode params);
    }

    /**
     * What one stream added since the previous poll.
     *
     * @param startedOver the file shrank (truncated or replaced), so reading began again at 0
     * @param linesLost the growth was larger than the widest window, so older new lines were skipped
     */
    record Update(String stream, List<String> lines, long size, boolean startedOver, boolean linesLost) {}

    /** One poll: the size probe's reply and an update for each stream whose size changed. */
    record Poll(JsonNode probe, List<Update> updates) {
        boolean hasNewLines() {
            return updates.stream().anyMatch(update -> !update.lines().isEmpty());
        }
    }

    private final String id;
    private final TailLog tailLog;
    private final Map<String, Long> seen = new HashMap<>();

    /** @param firstReply the reply whose lines were printed before following began */
    LogFollower(String id, TailLog tailLog, JsonNode firstReply) {
        this.id = id;
        this.tailLog = tailLog;
        STREAMS.forEach(stream -> seen.put(stream, sizeOf(firstReply, stream)));
    }

    Poll poll() {
        JsonNode probe = tailLog.call(params(1));
        List<Update> updates = new ArrayList<>();
        for (String stream : STREAMS) {
            long size = sizeOf(probe, stream);
            long last = seen.get(stream);
            if (size != last) {
                boolean shrank = size < last;
                if (shrank) {
                    seen.put(stream, 0L);
                }
                updates.add(fetchNewLines(stream, shrank));
            }
        }
        return new Poll(probe, updates);
    }

    private Update fetchNewLines(String stream, boolean startedOver) {
        for (int window = FIRST_WINDOW; ; window = Math.min(2 * window, MAX_WINDOW)) {
            JsonNode reply = tailLog.call(params(window).put("stream", stream));
            long size = sizeOf(reply, stream);
            NewLogLines.Taken taken = NewLogLines.take(lines(reply.path(stream)), size - seen.get(stream));
            boolean olderLinesExist = reply.path("more").asBoolean(false);
            if (taken.coveredGrowth() || !olderLinesExist || window == MAX_WINDOW) {
                seen.put(stream, size);
                return new Update(stream, taken.lines(), size, startedOver, !taken.coveredGrowth() && olderLinesExist);
            }
        }
    }

    private ObjectNode params(int lines) {
        return Json.mapper().createObjectNode().put("id", id).put("n", lines);
    }

    private static long sizeOf(JsonNode reply, String stream) {
        return reply.path(stream + "_bytes").asLong(0);
    }

    static List<String> lines(JsonNode array) {
        List<String> lines = new ArrayList<>(array.size());
        array.forEach(line -> lines.add(line.asText()));
        return lines;
    }
}
