package dev.agentd.protocol;

/** Every JSON-RPC error code agentd uses (core §10). Clients match on code and message prefix. */
public final class ErrorCodes {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    /** Runtime error: most failures, including auth mismatches and "daemon shutting down". */
    public static final int INTERNAL_ERROR = -32603;
    /** Auth required; the daemon closes the connection with 1008 after sending it. */
    public static final int AUTH_REQUIRED = -32001;
    public static final int APPROVAL_DENIED = -32003;
    public static final int DEADLINE_EXCEEDED = -32004;
    public static final int HANDSHAKE_REQUIRED = -32005;
    public static final int PROTOCOL_MISMATCH = -32006;

    private ErrorCodes() {}
}
