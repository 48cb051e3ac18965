package dev.agentd.daemon.mcp;

/** The verdict of steps 2–5 of mcp §3, which need only the request head. */
sealed interface HeadCheck {
    record Rejected(McpHttpError error) implements HeadCheck {}

    /** An {@code OPTIONS} request: the CORS preflight, without auth. */
    record Preflight() implements HeadCheck {}

    record Passed(McpPrincipal principal) implements HeadCheck {}
}
