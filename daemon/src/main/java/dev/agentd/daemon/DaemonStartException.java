package dev.agentd.daemon;

/**
 * Start-up failed (core §13). The message is what {@code agentd serve} prints after
 * {@code agentd: }; the exit code is 1 (I/O, bind), 2 (configuration) or 3 (lock held).
 */
public final class DaemonStartException extends Exception {
    public static final int RUNTIME_FAILURE = 1;
    public static final int CONFIGURATION_ERROR = 2;
    public static final int ALREADY_RUNNING = 3;

    private final int exitCode;

    public DaemonStartException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
