package dev.agentd.daemon.mcp.tools;

import dev.agentd.memgine.MemoryException;

/**
 * A tool call that failed as a tool, not as a protocol exchange (mcp §12.1): it becomes a result
 * with {@code isError:true} whose only text is {@link #getMessage()}.
 */
final class ToolFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private ToolFailure(String message) {
        super(message, null, false, false);
    }

    /** A schema violation: {@code invalid arguments: <detail>}, e.g. {@code invalid arguments: query: required}. */
    static ToolFailure invalidArguments(String detail) {
        return new ToolFailure("invalid arguments: " + detail);
    }

    /** A refusal or failure of the memory service: {@code memory error: <its wire message>}. */
    static ToolFailure memory(MemoryException e) {
        return new ToolFailure("memory error: " + e.getMessage());
    }
}
