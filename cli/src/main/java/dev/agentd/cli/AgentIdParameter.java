package dev.agentd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import picocli.CommandLine.Parameters;

/** The {@code ID} argument of the commands that act on one agent. */
public final class AgentIdParameter {
    @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
    String id;

    /** {@code {id}}, the params those commands start from. */
    ObjectNode params() {
        return Json.mapper().createObjectNode().put("id", id);
    }
}
