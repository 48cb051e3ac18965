package dev.agentd.daemon.mcp;

import dev.agentd.daemon.memory.GraphKey;

/**
 * The graph a session's tools act on (mcp §7.1): the {@code X-Agentd-Namespace} graph, else the
 * agent's graph for a per-agent token, else the shared graph — the rule of a WebSocket connection
 * with the same credentials (memory §1.1).
 *
 * @param namespace the {@code X-Agentd-Namespace} value, or null
 * @param agentId the principal's agent, or null
 */
public record McpTenant(String namespace, String agentId) {
    public static McpTenant of(String namespace, McpPrincipal principal) {
        return namespace != null ? new McpTenant(namespace, null) : new McpTenant(null, principal.agentId());
    }

    /** {@code shared}, {@code agent:<id>} or {@code ns:<ns>}: equals {@code MemoryChange.graph()} of this graph. */
    public String label() {
        return GraphKey.of(namespace, agentId).label();
    }
}
