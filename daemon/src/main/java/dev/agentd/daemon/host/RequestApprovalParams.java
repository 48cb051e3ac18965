package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code host.request_approval} params (host §4.9), also the input of system-level approvals.
 *
 * @param requiredApprovals stored and echoed (1–16, default 1); one resolution still settles it
 */
public record RequestApprovalParams(
        @JsonProperty("agent_id") String agentId,
        String title,
        String description,
        JsonNode context,
        @JsonProperty("required_approvals") Integer requiredApprovals) {

    public RequestApprovalParams {
        title = FieldRules.requiredText("title", title, 1024);
        description = FieldRules.optionalText("description", description, FieldRules.TEXT_MAX);
        context = FieldRules.optionalObject("context", context);
        if (requiredApprovals == null) {
            requiredApprovals = 1;
        } else if (requiredApprovals < 1 || requiredApprovals > 16) {
            throw new IllegalArgumentException("'required_approvals' must be from 1 to 16 (got " + requiredApprovals + ")");
        }
    }
}
