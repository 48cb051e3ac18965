package dev.agentd.browser.launch;

import dev.agentd.browser.BrowserLaunchException;
import dev.agentd.browser.Limits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A spawned Chromium main process (browser §4.3): environment without {@code AGENTD_*}, stdin
 * closed, stdout discarded, stderr drained by a {@link StderrTail}.
 */
public final class ChromiumProcess {
    private static final String AGENTD_PREFIX = "AGENTD_";

    private final Process process;
    private final StderrTail stderr;

    private ChromiumProcess(Process process, StderrTail stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts {@code command} with {@code environment} minus every {@code AGENTD_*} variable. */
    public static ChromiumProcess spawn(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        environment.forEach((name, value) -> {
            if (!name.startsWith(AGENTD_PREFIX)) {
                builder.environment().put(name, value);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BrowserLaunchException("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        closeStdin(process);
        return new ChromiumProcess(process, StderrTail.start(process.getErrorStream(), "chromium-stderr-" + process.pid()));
    }

    /**
     * Waits for the DevTools line. Fails when the process exits first or the line does not come
     * within {@code limit}; the caller then runs the close sequence.
     */
    public URI awaitEndpoint(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            CompletableFuture.anyOf(stderr.endpoint(), process.onExit()).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw noEndpoint(limit);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        URI endpoint = stderr.endpoint().getNow(null);
        if (endpoint != null) {
            return endpoint;
        }
        // stderr ended or the process exited: wait out the rest of the limit for the exit code
        if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw noEndpoint(limit);
        }
        throw new BrowserLaunchException("chromium exited with code " + process.exitValue() + ": " + lastStderrLine());
    }

    private static BrowserLaunchException noEndpoint(Duration limit) {
        return new BrowserLaunchException("no DevTools endpoint within " + Limits.describe(limit));
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes with the exit code when the main process exits. */
    public CompletableFuture<Integer> exitCode() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public long pid() {
        return process.pid();
    }

    /** The last non-blank stderr line once stderr reached EOF (or what has arrived so far). */
    public String lastStderrLine() {
        try {
            stderr.eof().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // use what has arrived
        }
        return stderr.lastLine();
    }

    /** Up to the last 50 stderr lines, for diagnostics. */
    public List<String> lastStderrLines() {
        return stderr.lastLines();
    }

    private static void closeStdin(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to close
        }
    }
}
