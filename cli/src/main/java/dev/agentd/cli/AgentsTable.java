package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The agents table of cli §6.4, used by every {@code agents} command that prints rows. Spec fields
 * are read from a nested {@code spec} object when the row has one (agentd's ManagedAgent shape),
 * else from the row's top level (the flattened CAR shape).
 */
final class AgentsTable {
    static final int ID_WIDTH = 64;
    static final int COMMAND_WIDTH = 60;

    private static final Table<JsonNode> TABLE = Table.of(
            Table.Column.<JsonNode>of("id", row -> specField(row, "id")).maxWidth(ID_WIDTH),
            Table.Column.of("status", row -> row.get("status")),
            Table.Column.of("pid", row -> row.get("pid")),
            Table.Column.of("exit", row -> row.get("last_exit_code")),
            Table.Column.of("restarts", row -> row.get("restart_count")),
            Table.Column.of("attached", row -> row.get("attached")),
            Table.Column.<JsonNode>of("command", AgentsTable::commandLine).maxWidth(COMMAND_WIDTH));

    private AgentsTable() {}

    /** The rows sorted by id, as {@code agents list} prints them. */
    static String sorted(JsonNode rows) {
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort(Comparator.comparing(row -> specField(row, "id").asText("")));
        return TABLE.render(list);
    }

    /** One row, as the commands that act on a single agent print it. */
    static String single(JsonNode row) {
        return TABLE.render(List.of(row));
    }

    private static JsonNode specField(JsonNode row, String field) {
        JsonNode spec = row.get("spec");
        return spec != null && spec.isObject() ? spec.path(field) : row.path(field);
    }

    /** {@code command} then {@code args}, each shell-quoted when it holds whitespace or quotes; null when neither exists. */
    static String commandLine(JsonNode row) {
        List<String> words = new ArrayList<>();
        JsonNode command = specField(row, "command");
        if (command.isTextual()) {
            words.add(ShellWord.quote(command.textValue()));
        }
        for (JsonNode argument : specField(row, "args")) {
            words.add(ShellWord.quote(argument.asText()));
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }
}
