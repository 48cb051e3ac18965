package dev.agentd.daemon.mcp.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of {@code node arguments…} in the harness (see {@link NodeHarness#process}).
 * Output goes to files under a log directory, so a chatty process never blocks on a full pipe.
 */
record NodeRun(List<String> arguments, int exitCode, boolean timedOut, String stdout, String stderr) {
    static NodeRun of(List<String> arguments, Duration timeout, Path logDirectory) throws IOException, InterruptedException {
        Files.createDirectories(logDirectory);
        Path stdout = logDirectory.resolve("node-stdout.txt");
        Path stderr = logDirectory.resolve("node-stderr.txt");
        Process process = NodeHarness.process(arguments)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        return new NodeRun(arguments, finished ? process.exitValue() : -1, !finished,
                Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Everything a failure message needs. */
    String describe() {
        return "node " + String.join(" ", arguments)
                + (timedOut ? "\ntimed out" : "\nexit code " + exitCode)
                + "\n--- stdout ---\n" + stdout.strip()
                + "\n--- stderr ---\n" + stderr.strip();
    }
}
