package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every command acting on one agent shares (cli §6.6, §6.7): {@code --help}, the connection
 * options, {@code --json} and the {@code ID} argument, plus the one request most of them make.
 */
public final class AgentCommandOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
    String id;

    /** {@code {id}}, the params these commands start from. */
    ObjectNode params() {
        return Json.mapper().createObjectNode().put("id", id);
    }

    boolean json() {
        return json.enabled;
    }

    CommandOutput output() {
        return CommandOutput.of(spec);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ConnectionTarget target() {
        return ConnectionTarget.forDaemonToken(client);
    }

    /** One request on its own connection with the daemon token: {@code method} with {@code params}. */
    JsonNode request(String method, ObjectNode params) {
        return DaemonConnection.requestOnce(target(), null, method, params);
    }

    /** {@code method {id}}, answered with the agent's row, printed as a one-row table (or JSON). */
    int printRow(String method, ObjectNode params) {
        AgentRowOutput.print(output(), request(method, params), json());
        return 0;
    }
}
