package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd agents list} (cli §6.4): every agent, sorted by id. */
@Command(name = "list", aliases = "ls", description = "List the agents and their state.")
public final class AgentsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode rows = DaemonConnection.requestOnce(target, null, "agents.list", Json.mapper().createObjectNode());
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(rows);
        } else {
            output.text(AgentsTable.sorted(rows));
        }
        return 0;
    }
}
