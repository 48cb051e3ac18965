package dev.agentd.daemon.mcp;

/**
 * Who sent an MCP request (mcp §5): {@code daemon}, {@code agent:<id>} or {@code anonymous}.
 *
 * @param agentId the agent of a per-agent token, else null
 */
public record McpPrincipal(String name, String agentId) {
    public static final McpPrincipal DAEMON = new McpPrincipal("daemon", null);
    public static final McpPrincipal ANONYMOUS = new McpPrincipal("anonymous", null);

    public static McpPrincipal agent(String agentId) {
        return new McpPrincipal("agent:" + agentId, agentId);
    }

    @Override
    public String toString() {
        return name;
    }
}
