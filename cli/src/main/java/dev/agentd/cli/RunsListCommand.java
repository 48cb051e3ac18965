package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.Environment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentd runs list AGENT_ID} (cli §6.9): an agent's runs, newest first. Reading another
 * agent's runs needs the host role, so this always presents the host token, never
 * {@code AGENTD_TOKEN}.
 */
@Command(name = "list", description = "List an agent's runs, newest first.")
public final class RunsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "AGENT_ID", description = "The agent whose runs to list.")
    String agentId;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.resolve(
                client, ConnectionTarget.CredentialKind.HOST_TOKEN, Environment.system());
        JsonNode result = DaemonConnection.requestOnce(target, null, "runs.list",
                Json.mapper().createObjectNode().put("agent_id", agentId));
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(result);
        } else {
            output.text(RunsTable.render(result));
        }
        return 0;
    }
}
