package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.Environment;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code host approve} and {@code host deny} share: the approval id, {@code --notes}, and the
 * one {@code host.resolve_approval} request (host §4.10) with the host token. The daemon lets any
 * session resolve a system approval but only the raising session resolve its own, so for an
 * approval raised by another connection this prints the daemon's "is owned by another session"
 * error, exit 1.
 */
public final class ApprovalDecision {
    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "APPROVAL_ID", description = "The approval's id (approval-…).")
    String approvalId;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes stored with the resolution.")
    String notes;

    /** Sends the decision and prints {@code <status> <id>: <action>}, or the result with {@code --json}. */
    int resolve(CommandSpec spec, boolean approved) {
        ConnectionTarget target = ConnectionTarget.resolve(
                client, ConnectionTarget.CredentialKind.HOST_TOKEN, Environment.system());
        JsonNode approval = DaemonConnection.requestOnce(target, null, "host.resolve_approval", params(approved));
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(approval);
        } else {
            output.line(CellText.of(approval.get("status"), 0) + " " + CellText.of(approval.get("id"), 0) + ": "
                    + CellText.of(approval.get("action"), 0));
        }
        return 0;
    }

    ObjectNode params(boolean approved) {
        ObjectNode params = Json.mapper().createObjectNode().put("approval_id", approvalId).put("approved", approved);
        if (notes != null) {
            params.put("notes", notes);
        }
        return params;
    }
}
