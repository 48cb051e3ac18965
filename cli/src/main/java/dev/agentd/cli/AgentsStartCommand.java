package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd agents start ID} (cli §6.6): {@code agents.start {id}}, the agent's row as a one-row table. */
@Command(name = "start", description = "Start an agent (nothing happens if it is already running).")
public final class AgentsStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Mixin
    AgentIdParameter agent;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode row = DaemonConnection.requestOnce(target, null, "agents.start", agent.params());
        AgentRowOutput.print(CommandOutput.of(spec), row, json.enabled);
        return 0;
    }
}
