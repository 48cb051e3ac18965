package dev.agentd.memgine;

/**
 * The one exception the engine throws for a refused or failed operation. The message is the
 * complete wire message of memory.md; {@link #kind()} tells the daemon which JSON-RPC code to
 * use, so nobody has to parse the text.
 */
public final class MemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the failure maps onto the wire. */
    public enum Kind {
        /** -32602: the caller's input is wrong; nothing was changed. */
        INVALID_PARAMS,
        /** -32603: the graph or the file system failed, or a runtime rule refused the call. */
        RUNTIME
    }

    private final Kind kind;

    private MemoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** {@code invalid params: <detail>}, e.g. {@code invalid params: subject must be 1..1024 chars}. */
    public static MemoryException invalidParams(String detail) {
        return new MemoryException(Kind.INVALID_PARAMS, "invalid params: " + detail, null);
    }

    public static MemoryException runtime(String message) {
        return new MemoryException(Kind.RUNTIME, message, null);
    }

    public static MemoryException runtime(String message, Throwable cause) {
        return new MemoryException(Kind.RUNTIME, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
