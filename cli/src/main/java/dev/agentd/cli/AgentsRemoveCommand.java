package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code agentd agents remove ID} (cli §6.6). Removing an id that does not exist is not an error:
 * the command is idempotent, like {@code agents.remove}, and says so in its output.
 */
@Command(name = "remove", description = "Stop an agent and delete it (its logs are kept).")
public final class AgentsRemoveCommand implements Callable<Integer> {
    @Mixin
    AgentCommandOptions agent;

    @Override
    public Integer call() {
        JsonNode result = agent.request("agents.remove", agent.params());
        CommandOutput output = agent.output();
        if (agent.json()) {
            output.json(result);
        } else if (result.path("removed").asBoolean(false)) {
            output.line("removed " + agent.id);
        } else {
            output.line(agent.id + ": no such agent (nothing removed)");
        }
        return 0;
    }
}
