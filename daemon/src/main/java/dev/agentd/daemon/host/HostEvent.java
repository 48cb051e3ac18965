package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the host event log (host §2.3), numbered by {@code sequence} without gaps.
 *
 * @param agent    on {@code agent.*} kinds only: the row after the change (as removed, for
 *                 {@code agent.unregistered})
 * @param approval on {@code approval.*} kinds only: the approval after the change
 */
public record HostEvent(
        String id,
        long sequence,
        String timestamp,
        String kind,
        @JsonProperty("agent_id") String agentId,
        String message,
        JsonNode payload,
        @JsonInclude(JsonInclude.Include.NON_NULL) HostAgent agent,
        @JsonInclude(JsonInclude.Include.NON_NULL) HostApproval approval) {

    public static final String AGENT_REGISTERED = "agent.registered";
    public static final String AGENT_UNREGISTERED = "agent.unregistered";
    public static final String AGENT_STATUS_CHANGED = "agent.status_changed";
    public static final String APPROVAL_REQUESTED = "approval.requested";
    public static final String APPROVAL_RESOLVED = "approval.resolved";
    public static final String NOTIFICATION = "host.notification";
}
