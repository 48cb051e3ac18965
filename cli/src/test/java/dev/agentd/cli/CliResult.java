package dev.agentd.cli;

import java.time.Duration;

/** What one run of the CLI produced. */
record CliResult(int exitCode, String stdout, String stderr, Duration elapsed) {

    /** For assertion descriptions: everything needed to see why a run went wrong. */
    String describe() {
        return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout ---\n" + stdout
                + "\n--- stderr ---\n" + stderr;
    }
}
