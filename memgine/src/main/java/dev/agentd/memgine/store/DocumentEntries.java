package dev.agentd.memgine.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.FactIds;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.Timestamps;
import dev.agentd.memgine.graph.EdgeBatch;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.text.StringTable;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Parsed entries of an export or snapshot document, validated against the limits of memory
 * §2.1 and §3.8. Parse failures are {@link IllegalArgumentException}s whose message names the
 * field ("body is required"); the caller adds where ("at facts[2]").
 */
final class DocumentEntries {
    private DocumentEntries() {}

    static final String NOT_AN_OBJECT = "entry must be an object";

    record FactEntry(Long seq, String id, String subject, String body, String kind, boolean isConstraint,
            double confidence, String confidenceLabel, String authority, List<String> tags, String tenantId,
            Long createdAt, Long expiresAt, boolean valid, List<String> dependsOn, String supersedes,
            String supersededBy, boolean needsReview) {}

    record TurnEntry(Long seq, String id, String speaker, String text, Long ts) {}

    record EnvironmentItem(Long seq, String key, String value, Long updatedAt, Long expiresAt) {}

    /**
     * A document's edges as read, in file order: their ends are numbers in {@code ids}, not node
     * indexes yet, so a 100k-fact file's half a million edges cost one string per distinct id.
     * Entries up to {@code failure} (null if none) are in {@code edges}.
     */
    record FileEdges(StringTable ids, EdgeBatch edges, IllegalArgumentException failure)
            implements DocumentReader.ArrayRead {
        @Override
        public int failedAt() {
            return edges.size();
        }

        /** The node index of every id number by {@code indexOf}, -1 where it names no node. */
        int[] indexes(ToIntFunction<String> indexOf) {
            int[] indexes = new int[ids.size()];
            for (int number = 0; number < indexes.length; number++) {
                indexes[number] = indexOf.applyAsInt(ids.get(number));
            }
            return indexes;
        }
    }

    static TurnEntry turn(JsonNode node) {
        requireObject(node);
        TurnEntry entry = new TurnEntry(Fields.optionalLong(node, "seq"), Fields.optionalString(node, "id"),
                Fields.requiredString(node, "speaker"), Fields.requiredString(node, "text"), time(node, "ts"));
        length("speaker", entry.speaker(), 1, 64);
        length("text", entry.text(), 1, FactInput.MAX_BODY);
        return entry;
    }

    static EnvironmentItem environment(JsonNode node) {
        requireObject(node);
        EnvironmentItem item = new EnvironmentItem(Fields.optionalLong(node, "seq"),
                Fields.requiredString(node, "key"), Fields.requiredString(node, "value"),
                time(node, "updated_at"), time(node, "expires_at"));
        length("key", item.key(), 1, 256);
        length("value", item.value(), 0, 16384);
        return item;
    }

    /** A timestamp field: integer epoch milliseconds or an RFC 3339 string. */
    static Long time(JsonNode node, String name) {
        if (!Fields.present(node, name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Timestamps.parse(value.textValue());
            } catch (DateTimeParseException e) {
                throw Fields.notATimestamp(name);
            }
        }
        throw Fields.wrongType(name, "a timestamp");
    }

    /** The limits of memory §2.1 and §3.8 on a fact entry read by {@link FactEntryReader}. */
    static void validate(FactEntry entry) {
        length("subject", entry.subject(), 1, FactInput.MAX_SUBJECT);
        length("body", entry.body(), 1, FactInput.MAX_BODY);
        length("kind", entry.kind(), 1, FactInput.MAX_KIND);
        if (entry.id() != null) {
            try {
                FactIds.checkExplicit(entry.id());
            } catch (MemoryException e) {
                throw new IllegalArgumentException(e.getMessage().substring("invalid params: ".length()));
            }
        }
        if (!Double.isFinite(entry.confidence()) || entry.confidence() < 0 || entry.confidence() > 1) {
            throw new IllegalArgumentException("confidence must be a finite number from 0 to 1");
        }
        if (entry.tags().size() > FactInput.MAX_TAGS) {
            throw new IllegalArgumentException("tags must hold at most " + FactInput.MAX_TAGS + " entries");
        }
        for (String tag : entry.tags()) {
            length("tags entries", tag, 1, FactInput.MAX_TAG);
        }
        if (entry.confidenceLabel() != null) {
            length("confidence_label", entry.confidenceLabel(), 0, FactInput.MAX_CONFIDENCE_LABEL);
        }
        if (entry.tenantId() != null) {
            length("tenant_id", entry.tenantId(), 0, FactInput.MAX_TENANT);
        }
    }

    private static void length(String field, String value, int min, int max) {
        if (value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + " chars");
        }
    }

    private static void requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(NOT_AN_OBJECT);
        }
    }
}
