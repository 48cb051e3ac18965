package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * An approval request (host §2.2). Every field is always written, unset ones as {@code null}.
 *
 * @param clientId the raising session; null for a system-level approval, which any
 *                 authenticated session may resolve
 */
public record HostApproval(
        String id,
        @JsonProperty("agent_id") String agentId,
        String action,
        String description,
        JsonNode details,
        List<String> options,
        String status,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("required_approvals") int requiredApprovals,
        String resolution,
        @JsonProperty("resolved_at") String resolvedAt,
        @JsonProperty("resolved_by") String resolvedBy,
        String notes) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String CANCELLED = "cancelled";
    static final List<String> OPTIONS = List.of("approve", "deny");

    static HostApproval pending(RequestApprovalParams request, String clientId, String now) {
        return new HostApproval("approval-" + UUID.randomUUID(), request.agentId(), request.title(),
                request.description(), request.context(), OPTIONS, PENDING, now, clientId,
                request.requiredApprovals(), null, null, null, null);
    }

    /** One resolution settles the approval, whatever {@code required_approvals} says (host §2.2). */
    HostApproval resolved(boolean approve, String resolver, String resolverNotes, String now) {
        return new HostApproval(id, agentId, action, description, details, options, approve ? APPROVED : DENIED,
                createdAt, clientId, requiredApprovals, approve ? "approve" : "deny", now, resolver, resolverNotes);
    }

    HostApproval cancelled(String reason, String now) {
        return new HostApproval(id, agentId, action, description, details, options, CANCELLED, createdAt, clientId,
                requiredApprovals, null, now, null, reason);
    }

    boolean isPending() {
        return PENDING.equals(status);
    }
}
