package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The runs table of cli §6.9, rows in result order (the daemon sends the newest first). */
final class RunsTable {
    static final int INTENT_WIDTH = 50;

    private static final Table<JsonNode> TABLE = Table.of(
            Table.Column.of("run_id", run -> run.get("run_id")),
            Table.Column.of("status", run -> run.get("status")),
            Table.Column.of("turns", run -> run.get("turn_count")),
            Table.Column.timestamp("started", run -> run.get("started_at")),
            Table.Column.timestamp("ended", run -> run.get("ended_at")),
            Table.Column.<JsonNode>of("intent", run -> run.get("intent")).maxWidth(INTENT_WIDTH));

    private RunsTable() {}

    /** @param result a {@code runs.list} result, {@code {agent_id, runs: [...]}} */
    static String render(JsonNode result) {
        List<JsonNode> runs = new ArrayList<>();
        result.path("runs").forEach(runs::add);
        return TABLE.render(runs);
    }
}
