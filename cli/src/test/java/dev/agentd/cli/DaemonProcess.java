package dev.agentd.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real daemon: {@code java -Dagentd.test-hooks=true -jar agentd.jar serve --port 0 --home <root>}
 * as a child process, started and waited for through its ready line. Its stdout and stderr are
 * captured whole (outside the root) so tests can check that stdout only ever holds the ready line.
 */
final class DaemonProcess implements AutoCloseable {
    static final Pattern READY_LINE = Pattern.compile("agentd listening on (ws://127\\.0\\.0\\.1:(\\d+)/)\n");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(45);

    private final Process process;
    private final Path root;
    private final Path stdout;
    private final Path stderr;
    private final String wsUrl;
    private final int port;

    private DaemonProcess(Process process, Path root, Path stdout, Path stderr, String wsUrl, int port) {
        this.process = process;
        this.root = root;
        this.stdout = stdout;
        this.stderr = stderr;
        this.wsUrl = wsUrl;
        this.port = port;
    }

    /** Starts {@code serve --port 0 --home root extraArgs...} and waits for the ready line. */
    static DaemonProcess start(Path root, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--home", root.toString()));
        args.addAll(List.of(extraArgs));
        Path stdout = TestJvm.captureFile("serve-stdout-");
        Path stderr = TestJvm.captureFile("serve-stderr-");
        ProcessBuilder builder = new ProcessBuilder(TestJvm.command(true, args))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(TestJvm.environment(Map.of()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("ready line of agentd serve").atMost(START_LIMIT)
                .until(() -> read(stdout).contains("\n") || !process.isAlive());
        Matcher ready = READY_LINE.matcher(read(stdout));
        if (!ready.lookingAt()) {
            process.destroyForcibly();
            throw new IllegalStateException("agentd serve did not become ready; stdout: " + read(stdout)
                    + "\nstderr: " + read(stderr));
        }
        return new DaemonProcess(process, root, stdout, stderr, ready.group(1), Integer.parseInt(ready.group(2)));
    }

    String wsUrl() {
        return wsUrl;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path root() {
        return root;
    }

    String authToken() {
        return readTrimmed(root.resolve("auth-token"));
    }

    String hostToken() {
        return readTrimmed(root.resolve("host-token"));
    }

    /** Everything the daemon wrote to stdout so far. */
    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and returns the exit status. */
    int terminate() {
        process.destroy();
        return awaitExit();
    }

    /** Sends SIGTERM without waiting. */
    void signalTerminate() {
        process.destroy();
    }

    /** Sends SIGKILL and returns the exit status. */
    int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Waits for an exit that something else caused (e.g. {@code agentd stop}). */
    int awaitExit() {
        try {
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("daemon pid " + pid() + " did not exit within " + EXIT_LIMIT);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends the daemon the graceful way, so that it stops its supervised children (a SIGKILLed
     * daemon leaves them running); SIGKILL only if that does not finish in time.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readTrimmed(Path file) {
        return read(file).trim();
    }
}
