package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agentd agents start ID} (cli §6.6): {@code agents.start {id}}, the agent's row as a one-row table. */
@Command(name = "start", description = "Start an agent (nothing happens if it is already running).")
public final class AgentsStartCommand implements Callable<Integer> {
    @Mixin
    AgentCommandOptions agent;

    @Override
    public Integer call() {
        return agent.printRow("agents.start", agent.params());
    }
}
