package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The human line of one run record (cli §6.10): a label padded to the width of {@code started},
 * then the record's present fields, two spaces apart.
 *
 * <pre>
 * started  2025-06-01T09:30:12Z  agent=trader  intent="rebalance portfolio"
 * turn 0   tool=search  verdict=not_run  prompt="find the latest quotes for …"
 * ended    completed  summary="rebalanced 3 positions"
 * </pre>
 *
 * Identifiers (agent id, tool, verdict, status, reason) are shown bare; strings are quoted with
 * {@code \} and {@code "} escaped; other JSON values are shown compact. Every value is flattened to
 * one line and cut at {@value #VALUE_LIMIT} characters, before quoting.
 */
final class TraceLine {
    static final int VALUE_LIMIT = 100;
    static final String SEPARATOR = "  ";
    private static final int LABEL_WIDTH = "started".length();
    /** Turn fields after the label, identifiers first as in the specification's example. */
    private static final List<Field> TURN_FIELDS = List.of(
            Field.bare("tool", "tool"), Field.bare("verifier_verdict", "verdict"), Field.text("prompt", "prompt"),
            Field.text("parameters", "parameters"), Field.text("output", "output"),
            Field.text("cli_outcome", "cli_outcome"), Field.text("policy_rejected", "policy_rejected"));

    /** A record field and the key it is shown with; {@code bare} values are never quoted. */
    private record Field(String name, String key, boolean bare) {
        static Field bare(String name, String key) {
            return new Field(name, key, true);
        }

        static Field text(String name, String key) {
            return new Field(name, key, false);
        }

        /** {@code key=value}, or null when the record does not have the field. */
        String render(JsonNode record) {
            JsonNode value = record.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            return key + "=" + (bare ? bareValue(value) : value(value));
        }
    }

    private TraceLine() {}

    static String of(JsonNode record) {
        String kind = record.path("record").asText("");
        return switch (kind) {
            case "started" -> started(record);
            case "turn" -> turn(record);
            case "ended" -> ended(record);
            // A record kind this client does not know yet is still shown, whole.
            default -> line(kind.isEmpty() ? "record" : bareValue(record.get("record")), List.of(value(record)));
        };
    }

    private static String started(JsonNode record) {
        List<String> parts = new ArrayList<>();
        JsonNode startedAt = record.get("started_at");
        if (startedAt != null && !startedAt.isNull()) {
            parts.add(timestamp(startedAt));
        }
        parts.add(Field.bare("agent_id", "agent").render(record));
        parts.add(Field.text("agent_name", "agent_name").render(record));
        parts.add(Field.text("intent", "intent").render(record));
        parts.add(Field.text("outcome_description", "outcome_description").render(record));
        return line("started", parts);
    }

    private static String turn(JsonNode record) {
        List<String> parts = new ArrayList<>();
        TURN_FIELDS.forEach(field -> parts.add(field.render(record)));
        return line("turn " + bareValue(record.get("index")), parts);
    }

    /** {@code ended <status>}, then the outcome's summary (completed) or the reason (incomplete). */
    private static String ended(JsonNode record) {
        List<String> parts = new ArrayList<>();
        JsonNode status = record.get("status");
        parts.add(status == null || status.isNull() ? null : bareValue(status));
        parts.add(Field.text("summary", "summary").render(record.path("outcome")));
        parts.add(Field.bare("reason", "reason").render(record.path("incomplete")));
        return line("ended", parts);
    }

    /** The label padded to the widest label, then the present parts; no trailing spaces. */
    private static String line(String label, List<String> parts) {
        StringBuilder line = new StringBuilder(label);
        line.append(" ".repeat(Math.max(0, LABEL_WIDTH - CellText.width(label))));
        for (String part : parts) {
            if (part != null) {
                line.append(SEPARATOR).append(part);
            }
        }
        return line.toString().stripTrailing();
    }

    private static String timestamp(JsonNode value) {
        return WireTimestamp.parse(value).map(instant -> CellText.of(instant, 0)).orElseGet(() -> bareValue(value));
    }

    /** An identifier as it is, flattened and cut. */
    private static String bareValue(JsonNode value) {
        return shortened(value == null || value.isNull() ? CellText.ABSENT
                : value.isValueNode() ? value.asText() : JsonOutput.compact(value));
    }

    /** A string quoted, anything else compact JSON; flattened and cut either way. */
    private static String value(JsonNode value) {
        if (!value.isTextual()) {
            return shortened(JsonOutput.compact(value));
        }
        String text = shortened(value.textValue());
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String shortened(String text) {
        return CellText.cut(CellText.flatten(text), VALUE_LIMIT);
    }
}
