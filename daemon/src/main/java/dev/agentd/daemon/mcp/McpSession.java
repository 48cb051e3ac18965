package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.memory.GraphKey;
import dev.agentd.daemon.memory.StatusSlots;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP session (mcp §7.1). Identity, tenant and version are fixed at creation; times are
 * nanoseconds of the store's {@code Ticker}. The event-stream state ({@code lastEventId},
 * {@code ring}, {@code current}, {@code deliveredUpTo} and their lock) lives in {@link #events()};
 * the private status slots of {@code memory_update_status} end with the session.
 */
public final class McpSession {
    private final String id;
    private final McpPrincipal principal;
    private final GraphKey tenant;
    private final String tenantLabel;
    private final McpProtocolVersion protocolVersion;
    private final JsonNode clientInfo;
    private final JsonNode clientCapabilities;
    private final long createdAt;
    private final AtomicLong lastAccess;
    private final SessionEvents events;
    private final StatusSlots statuses = new StatusSlots();
    private volatile boolean initialized;
    private volatile LogLevel logLevel = LogLevel.INFO;

    McpSession(String id, Identity identity, long createdAt, int ringCapacity) {
        this.id = id;
        this.principal = identity.principal();
        this.tenant = identity.tenant();
        this.tenantLabel = tenant.label();
        this.protocolVersion = identity.protocolVersion();
        this.clientInfo = identity.clientInfo();
        this.clientCapabilities = identity.clientCapabilities();
        this.createdAt = createdAt;
        this.lastAccess = new AtomicLong(createdAt);
        this.events = new SessionEvents(ringCapacity, protocolVersion.primesStreams());
    }

    /** What {@code initialize} fixes for the session's life. */
    public record Identity(McpPrincipal principal, GraphKey tenant, McpProtocolVersion protocolVersion,
            JsonNode clientInfo, JsonNode clientCapabilities) {}

    public String id() {
        return id;
    }

    public McpPrincipal principal() {
        return principal;
    }

    /** The graph the session's tools act on (mcp §7.1), by the rule of a WebSocket connection with the same credentials. */
    public GraphKey tenant() {
        return tenant;
    }

    /** {@link GraphKey#label} of {@link #tenant}, made once: change events name their graph this way. */
    public String tenantLabel() {
        return tenantLabel;
    }

    public McpProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    public JsonNode clientInfo() {
        return clientInfo;
    }

    public JsonNode clientCapabilities() {
        return clientCapabilities;
    }

    long createdAt() {
        return createdAt;
    }

    long lastAccess() {
        return lastAccess.get();
    }

    void accessed(long now) {
        lastAccess.accumulateAndGet(now, Math::max);
    }

    SessionEvents events() {
        return events;
    }

    public StatusSlots statuses() {
        return statuses;
    }

    /** Set by {@code notifications/initialized}; informational, gates nothing (mcp §7.1). */
    public boolean initialized() {
        return initialized;
    }

    void markInitialized() {
        initialized = true;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    void logLevel(LogLevel level) {
        logLevel = level;
    }

    /** Whether a request with this principal and tenant may use the session (mcp §7.3). */
    boolean boundTo(McpPrincipal requestPrincipal, GraphKey requestTenant) {
        return principal.equals(requestPrincipal) && tenant.equals(requestTenant);
    }

    @Override
    public String toString() {
        return "McpSession[" + id + ", " + principal + ", " + tenantLabel + "]";
    }
}
