package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** How the commands that return one agent print it: a one-row agents table, or the raw row with {@code --json}. */
final class AgentRowOutput {
    private AgentRowOutput() {}

    static void print(CommandOutput output, JsonNode row, boolean json) {
        if (json) {
            output.json(row);
        } else {
            output.text(AgentsTable.single(row));
        }
    }
}
