package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code agentd agents stop ID [--kill]} (cli §6.6): {@code agents.stop {id, signal}}, the agent's
 * row as a one-row table. Waits while the daemon stops the process tree (up to 5 s for
 * {@code term}, then SIGKILL).
 */
@Command(name = "stop", description = "Stop an agent: SIGTERM, then SIGKILL after 5 s.")
public final class AgentsStopCommand implements Callable<Integer> {
    @Mixin
    AgentCommandOptions agent;

    @Option(names = "--kill", description = "Send SIGKILL at once instead of SIGTERM.")
    boolean kill;

    @Override
    public Integer call() {
        return agent.printRow("agents.stop", agent.params().put("signal", kill ? "kill" : "term"));
    }
}
