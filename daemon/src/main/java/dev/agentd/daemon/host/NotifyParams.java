package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code host.notify} params (host §4.8). The kind defaults to {@code host.notification}; kinds
 * the registry itself produces are reserved, so a client cannot forge an agent or approval change.
 */
public record NotifyParams(String kind, @JsonProperty("agent_id") String agentId, String message, JsonNode payload) {
    static final List<String> RESERVED_PREFIXES = List.of("agent.", "approval.", "device.", "browser.");

    public NotifyParams {
        kind = kind == null ? HostEvent.NOTIFICATION : FieldRules.requiredText("kind", kind, 64);
        if (isReserved(kind)) {
            throw new IllegalArgumentException("kind '" + kind + "' is reserved");
        }
        message = FieldRules.optionalText("message", message, FieldRules.TEXT_MAX);
        payload = FieldRules.objectOrEmpty("payload", payload);
    }

    private static boolean isReserved(String kind) {
        return RESERVED_PREFIXES.stream().anyMatch(kind::startsWith);
    }
}
