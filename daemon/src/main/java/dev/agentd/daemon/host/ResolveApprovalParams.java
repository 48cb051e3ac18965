package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code host.resolve_approval} params (host §4.10): {@code approved} wins over
 * {@code resolution}; one of the two is required.
 */
public record ResolveApprovalParams(
        @JsonProperty("approval_id") String approvalId, Boolean approved, String resolution, String notes) {

    public ResolveApprovalParams {
        if (approvalId == null) {
            throw new IllegalArgumentException("'approval_id' is required");
        }
        if (approved == null) {
            if (resolution == null) {
                throw new IllegalArgumentException("'approved' or 'resolution' is required");
            }
            if (!resolution.equals("approve") && !resolution.equals("deny")) {
                throw new IllegalArgumentException("'resolution' must be 'approve' or 'deny' (got '" + resolution + "')");
            }
        }
        notes = FieldRules.optionalText("notes", notes, FieldRules.TEXT_MAX);
    }

    boolean approves() {
        return approved != null ? approved : resolution.equals("approve");
    }
}
