package dev.agentd.cli;

import java.util.List;

/**
 * A command ends with this exit code and these stderr lines (each printed after {@code agentd: }).
 * Build instances through {@link Failures}, which holds every message text.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;
    private final List<String> lines;

    CommandFailure(int exitCode, List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> lines() {
        return lines;
    }
}
