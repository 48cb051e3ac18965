package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.memgine.MemoryChange;
import dev.agentd.protocol.Json;
import java.util.function.Consumer;

/**
 * mcp §13: turns each {@link MemoryChange} into one {@code notifications/message} (level
 * {@code info}, logger {@code agentd.memory}, no fact bodies) published to every live session
 * whose tenant is the changed graph. The level filter runs before publishing, so a session that
 * does not want {@code info} spends no id and no ring slot on it (§11.2). Called on the memory
 * service's change thread, in commit order per graph; publishing never blocks.
 */
final class ChangeFanOut implements Consumer<MemoryChange> {
    private final SessionStore sessions;

    ChangeFanOut(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public void accept(MemoryChange change) {
        byte[] payload = null;
        for (McpSession session : sessions.sessions()) {
            if (!session.tenantLabel().equals(change.graph()) || !session.logLevel().admits(LogLevel.INFO)) {
                continue;
            }
            if (payload == null) {
                payload = payload(change);
            }
            session.events().publish(payload);
        }
    }

    static byte[] payload(MemoryChange change) {
        ObjectNode params = Json.mapper().createObjectNode()
                .put("level", LogLevel.INFO.wire())
                .put("logger", "agentd.memory");
        params.set("data", Json.mapper().valueToTree(change));
        return McpJson.bytes(McpJson.notification("notifications/message", params));
    }
}
