package dev.agentd.bench.statebench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a StateBench split ({@code <split>.jsonl}, one timeline per line) into {@link Timeline}s.
 * {@code initial_state} and {@code events} may also be JSON-serialized strings, as in the
 * Hugging Face rows.
 */
public final class TimelineReader {
    private TimelineReader() {}

    public static List<Timeline> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Timeline> timelines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    timelines.add(timeline(Json.mapper().readTree(lines.get(i))));
                } catch (JsonProcessingException | RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return timelines;
    }

    static Timeline timeline(JsonNode row) throws JsonProcessingException {
        JsonNode initial = embedded(row.path("initial_state"));
        List<Timeline.StateWrite> facts = new ArrayList<>();
        for (JsonNode fact : initial.path("persistent_facts")) {
            facts.add(write(fact, Timeline.Layer.PERSISTENT_FACTS));
        }
        List<Timeline.WorkingItem> workingSet = new ArrayList<>();
        for (JsonNode item : initial.path("working_set")) {
            workingSet.add(new Timeline.WorkingItem(text(item, "content"), text(item, "ts")));
        }
        List<Timeline.EnvironmentValue> environment = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : initial.path("environment").properties()) {
            environment.add(new Timeline.EnvironmentValue(entry.getKey(), entry.getValue().asText()));
        }
        List<TimelineEvent> events = new ArrayList<>();
        for (JsonNode event : embedded(row.path("events"))) {
            events.add(event(event));
        }
        return new Timeline(text(row, "id"), text(row, "track"), identity(initial.path("identity_role")), facts,
                workingSet, environment, events);
    }

    /** §11.1 step 1: {@code User}, {@code Role}, then the optional lines when non-null. */
    static String identity(JsonNode role) {
        List<String> lines = new ArrayList<>();
        lines.add("User: " + text(role, "user_name"));
        lines.add("Role: " + text(role, "authority"));
        addLine(lines, "Department", role.path("department"));
        addLine(lines, "Organization", role.path("organization"));
        addLine(lines, "Communication style", role.path("communication_style"));
        return String.join("\n", lines);
    }

    private static void addLine(List<String> lines, String label, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            lines.add(label + ": " + value.asText());
        }
    }

    private static TimelineEvent event(JsonNode event) {
        String type = text(event, "type");
        return switch (type) {
            case "conversation_turn" -> new TimelineEvent.Turn(text(event, "speaker"), text(event, "text"),
                    text(event, "ts"));
            case "state_write", "supersession" -> {
                List<Timeline.StateWrite> writes = new ArrayList<>();
                for (JsonNode write : event.path("writes")) {
                    writes.add(write(write, layer(text(write, "layer"))));
                }
                yield new TimelineEvent.Writes(writes, text(event, "ts"));
            }
            case "query" -> {
                JsonNode truth = event.path("ground_truth");
                yield new TimelineEvent.Query(text(event, "prompt"), mentions(truth.path("must_mention")),
                        mentions(truth.path("must_not_mention")));
            }
            default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
        };
    }

    private static Timeline.StateWrite write(JsonNode write, Timeline.Layer layer) {
        List<String> dependsOn = new ArrayList<>();
        write.path("depends_on").forEach(id -> dependsOn.add(id.asText()));
        JsonNode supersedes = write.path("supersedes");
        JsonNode authority = write.path("source").path("authority");
        return new Timeline.StateWrite(text(write, "id"), layer, text(write, "key"), text(write, "value"),
                authority.isTextual() ? authority.asText() : null,
                supersedes.isTextual() ? supersedes.asText() : null, dependsOn,
                write.path("is_constraint").asBoolean(false));
    }

    private static Timeline.Layer layer(String name) {
        return switch (name) {
            case "persistent_facts" -> Timeline.Layer.PERSISTENT_FACTS;
            case "working_set" -> Timeline.Layer.WORKING_SET;
            case "environment" -> Timeline.Layer.ENVIRONMENT;
            default -> throw new IllegalArgumentException("unknown layer '" + name + "'");
        };
    }

    private static List<Mention> mentions(JsonNode entries) {
        List<Mention> mentions = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (entry.isTextual()) {
                mentions.add(Mention.of(entry.asText()));
            } else {
                List<String> phrases = new ArrayList<>();
                phrases.add(text(entry, "phrase"));
                entry.path("alternatives").forEach(alternative -> phrases.add(alternative.asText()));
                mentions.add(new Mention(phrases));
            }
        }
        return mentions;
    }

    private static JsonNode embedded(JsonNode node) throws JsonProcessingException {
        return node.isTextual() ? Json.mapper().readTree(node.asText()) : node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is not a string");
        }
        return value.asText();
    }
}
