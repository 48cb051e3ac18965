package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An agent's two log files held in memory, answering {@code agents.tail_log} the way agents §7.2
 * defines it (windows from the end, {@code more}, current sizes of both files), and recording
 * every call, so the follow algorithm can be exercised without a daemon.
 */
final class InMemoryLogs implements LogFollower.TailLog {
    private final Map<String, StringBuilder> files = new TreeMap<>(Map.of("stdout", new StringBuilder(),
            "stderr", new StringBuilder()));
    private final List<ObjectNode> calls = new ArrayList<>();

    void append(String stream, String text) {
        files.get(stream).append(text);
    }

    void replace(String stream, String text) {
        files.get(stream).setLength(0);
        files.get(stream).append(text);
    }

    List<ObjectNode> calls() {
        return calls;
    }

    /** The {@code n} of every call that asked for one stream, in order. */
    List<Integer> windowsFetched(String stream) {
        return calls.stream().filter(call -> call.path("stream").asText().equals(stream))
                .map(call -> call.get("n").asInt()).toList();
    }

    @Override
    public JsonNode call(ObjectNode params) {
        calls.add(params.deepCopy());
        int n = params.path("n").asInt(100);
        String selected = params.path("stream").asText("combined");
        ObjectNode result = Json.mapper().createObjectNode();
        List<String> all = new ArrayList<>();
        boolean more = false;
        Map<String, List<String>> windows = new TreeMap<>();
        for (String stream : LogFollower.STREAMS) {
            List<String> lines = selected.equals("combined") || selected.equals(stream) ? lines(stream) : List.of();
            int start = n == 0 ? 0 : Math.max(0, lines.size() - n);
            windows.put(stream, lines.subList(start, lines.size()));
            more |= start > 0;
        }
        all.addAll(windows.get("stdout"));
        all.addAll(windows.get("stderr"));
        result.set("lines", Json.mapper().valueToTree(all));
        result.set("stdout", Json.mapper().valueToTree(windows.get("stdout")));
        result.set("stderr", Json.mapper().valueToTree(windows.get("stderr")));
        result.put("stdout_total", windows.get("stdout").size());
        result.put("stderr_total", windows.get("stderr").size());
        result.put("stdout_bytes", size("stdout"));
        result.put("stderr_bytes", size("stderr"));
        result.put("stdout_path", "/root/logs/a.stdout.log");
        result.put("stderr_path", "/root/logs/a.stderr.log");
        result.put("more", more);
        return result;
    }

    private List<String> lines(String stream) {
        String text = files.get(stream).toString();
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private long size(String stream) {
        return files.get(stream).toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
