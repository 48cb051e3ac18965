package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code host.subscribe} result (host §4.1): the registry as of {@code eventSequence}, taken
 * in the same critical section that registered the subscriber.
 *
 * @param devices always empty: devices are not implemented in this version
 */
public record HostSnapshot(
        boolean subscribed,
        List<HostAgent> agents,
        List<Object> devices,
        List<HostApproval> approvals,
        List<HostEvent> events,
        @JsonProperty("event_sequence") long eventSequence,
        HostIdentity identity) {}
