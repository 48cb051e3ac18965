package dev.agentd.daemon.mcp.tools;

/**
 * Receives the progress stages of one tool call (mcp §12.3) as they really complete, on the
 * thread that completes them; the MCP endpoint turns them into {@code notifications/progress}.
 */
@FunctionalInterface
public interface ToolProgress {
    ToolProgress NONE = (progress, total, message) -> {};

    void report(int progress, int total, String message);
}
