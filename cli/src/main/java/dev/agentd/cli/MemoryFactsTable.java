package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The facts table of cli §6.8, rows in result order (best first, as {@code memory.query} ranks them). */
final class MemoryFactsTable {
    static final int KIND_WIDTH = 16;
    static final int ID_WIDTH = 32;
    static final int SUBJECT_WIDTH = 30;
    static final int BODY_WIDTH = 60;

    private static final Table<JsonNode> TABLE = Table.of(
            Table.Column.<JsonNode>of("score", MemoryFactsTable::score),
            Table.Column.<JsonNode>of("kind", fact -> fact.get("kind")).maxWidth(KIND_WIDTH),
            Table.Column.<JsonNode>of("id", fact -> fact.get("id")).maxWidth(ID_WIDTH),
            Table.Column.<JsonNode>of("subject", fact -> fact.get("subject")).maxWidth(SUBJECT_WIDTH),
            Table.Column.<JsonNode>of("body", fact -> fact.get("body")).maxWidth(BODY_WIDTH));

    private MemoryFactsTable() {}

    static String render(JsonNode facts) {
        List<JsonNode> rows = new ArrayList<>();
        facts.forEach(rows::add);
        return TABLE.render(rows);
    }

    /** {@code confidence} — the retrieval activation — with 4 decimals; anything else as it came. */
    private static Object score(JsonNode fact) {
        JsonNode confidence = fact.get("confidence");
        return confidence != null && confidence.isNumber()
                ? String.format(Locale.ROOT, "%.4f", confidence.doubleValue())
                : confidence;
    }
}
