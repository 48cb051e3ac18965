package dev.agentd.daemon.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentd.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Validation and the size invariants of {@code runs.record_turns} (runs §3.2): unknown fields
 * dropped, long strings cut, oversized turns reduced to markers, hopeless ones refused.
 */
final class TurnSanitizer {
    static final int MAX_STRING_BYTES = 16_384;
    static final String TRUNCATED = "…[truncated]";
    static final String TURN_TOO_LARGE_MARKER = "…[truncated: turn exceeded 256 KiB]";
    private static final int RESERVED_INDEX = 999_999_999;

    private TurnSanitizer() {}

    /** The turn's stored fields in their order, or empty when a listed field has the wrong type or length. */
    static Optional<ObjectNode> fields(JsonNode turn) {
        if (!turn.isObject()) {
            return Optional.empty();
        }
        ObjectNode fields = Json.mapper().createObjectNode();
        if (!copyString(turn, fields, "prompt", Integer.MAX_VALUE) || !copyString(turn, fields, "tool", 256)) {
            return Optional.empty();
        }
        copyAny(turn, fields, "parameters");
        copyAny(turn, fields, "output");
        JsonNode cliOutcome = present(turn, "cli_outcome");
        if (cliOutcome != null) {
            if (!cliOutcome.isObject()) {
                return Optional.empty();
            }
            fields.set("cli_outcome", cliOutcome);
        }
        JsonNode verdict = present(turn, "verifier_verdict");
        if (verdict != null && (!verdict.isTextual() || verdict.textValue().length() > 64)) {
            return Optional.empty();
        }
        fields.put("verifier_verdict", verdict == null ? "not_run" : verdict.textValue());
        copyAny(turn, fields, "policy_rejected");
        return Optional.of(fields);
    }

    /**
     * Applies invariants a and b; returns empty when the turn still does not fit a stored line
     * (the batch is then dropped {@code turn_too_large}).
     */
    static Optional<ObjectNode> fitToLine(ObjectNode fields) {
        truncateLongStrings(fields);
        if (lineBytes(fields) <= RunStore.MAX_LINE_BYTES) {
            return Optional.of(fields);
        }
        for (String name : new String[] {"prompt", "output", "parameters"}) {
            if (fields.has(name)) {
                fields.put(name, TURN_TOO_LARGE_MARKER);
            }
        }
        return lineBytes(fields) <= RunStore.MAX_LINE_BYTES ? Optional.of(fields) : Optional.empty();
    }

    /** The turn record as stored: {@code record}, {@code index}, {@code ts}, then its fields. */
    static ObjectNode record(int index, String ts, ObjectNode fields) {
        ObjectNode record = Json.mapper().createObjectNode().put("record", "turn").put("index", index).put("ts", ts);
        record.setAll(fields);
        return record;
    }

    private static int lineBytes(ObjectNode fields) {
        return RunStore.encode(record(RESERVED_INDEX, "2000-01-01T00:00:00.000Z", fields)).length;
    }

    private static void truncateLongStrings(ObjectNode fields) {
        JsonNode prompt = fields.get("prompt");
        if (prompt != null && prompt.isTextual()) {
            fields.put("prompt", cut(prompt.textValue()));
        }
        for (String name : new String[] {"output", "parameters"}) {
            if (fields.has(name)) {
                fields.set(name, cutStrings(fields.get(name)));
            }
        }
    }

    private static JsonNode cutStrings(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(cut(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                entry.setValue(cutStrings(entry.getValue()));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, cutStrings(array.get(i)));
            }
        }
        return node;
    }

    /** Cuts at a code-point boundary to at most 16384 UTF-8 bytes and marks the cut. */
    static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_STRING_BYTES) {
            return text;
        }
        int end = MAX_STRING_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back off continuation bytes to the start of a code point
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + TRUNCATED;
    }

    private static boolean copyString(JsonNode turn, ObjectNode fields, String name, int maxChars) {
        JsonNode value = present(turn, name);
        if (value == null) {
            return true;
        }
        if (!value.isTextual() || value.textValue().length() > maxChars) {
            return false;
        }
        fields.set(name, value);
        return true;
    }

    private static void copyAny(JsonNode turn, ObjectNode fields, String name) {
        JsonNode value = present(turn, name);
        if (value != null) {
            fields.set(name, value.deepCopy());
        }
    }

    private static JsonNode present(JsonNode turn, String name) {
        JsonNode value = turn.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
