package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agentd agents restart ID} (cli §6.6): {@code agents.restart {id}}, the agent's row as a one-row table. */
@Command(name = "restart", description = "Stop an agent if it runs, then start it again.")
public final class AgentsRestartCommand implements Callable<Integer> {
    @Mixin
    AgentCommandOptions agent;

    @Override
    public Integer call() {
        return agent.printRow("agents.restart", agent.params());
    }
}
