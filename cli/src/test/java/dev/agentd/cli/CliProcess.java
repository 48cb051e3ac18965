package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CLI command left running (a follow loop), its stdout and stderr captured to files that tests
 * read while it runs, and which can be sent SIGINT as Ctrl-C would.
 *
 * <p>A process inherits an ignored SIGINT (the state of background jobs in a non-interactive
 * shell, which a build may well be), and a JVM cannot install a handler over it; {@code trap - INT}
 * in {@code sh} and {@code setsid} do not reset it either. So the CLI is launched through GNU
 * {@code env --default-signal=INT} where that exists, which restores the default disposition
 * before exec'ing java (same pid).
 */
final class CliProcess implements AutoCloseable {
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(30);
    private static final boolean ENV_RESETS_SIGNALS = envSupportsDefaultSignal();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static CliProcess start(Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>();
        if (ENV_RESETS_SIGNALS) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(TestJvm.command(false, args));
        Path stdout = TestJvm.captureFile("bg-stdout-");
        Path stderr = TestJvm.captureFile("bg-stderr-");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(TestJvm.environment(environment));
        try {
            return new CliProcess(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does (Java itself can only send TERM and KILL). */
    void interrupt() throws IOException, InterruptedException {
        assertThat(sigintIgnored()).as("the CLI inherited an ignored SIGINT (GNU env --default-signal unavailable?)")
                .isFalse();
        signal("INT");
    }

    /** Sends SIGSTOP: the command stops reading its socket, as a suspended terminal job does. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Sends SIGCONT after {@link #pause}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name + " exit status").isZero();
    }

    /** Waits for the exit and returns what the command produced. */
    CliResult awaitExit() {
        try {
            long started = System.nanoTime();
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("CLI pid " + process.pid() + " did not exit within " + EXIT_LIMIT
                        + "\nstdout: " + stdout() + "\nstderr: " + stderr());
            }
            return new CliResult(process.exitValue(), stdout(), stderr(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Linux only ({@code /proc}); elsewhere assumed not ignored. */
    private boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    private static boolean envSupportsDefaultSignal() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
