package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentd agents stop ID [--kill]} (cli §6.6): {@code agents.stop {id, signal}}, the agent's
 * row as a one-row table. Waits while the daemon stops the process tree (up to 5 s for
 * {@code term}, then SIGKILL).
 */
@Command(name = "stop", description = "Stop an agent: SIGTERM, then SIGKILL after 5 s.")
public final class AgentsStopCommand implements Callable<Integer> {
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

    @Option(names = "--kill", description = "Send SIGKILL at once instead of SIGTERM.")
    boolean kill;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode row = DaemonConnection.requestOnce(target, null, "agents.stop",
                agent.params().put("signal", kill ? "kill" : "term"));
        AgentRowOutput.print(CommandOutput.of(spec), row, json.enabled);
        return 0;
    }
}
