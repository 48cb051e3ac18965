package dev.agentd.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one CLI command as a child JVM of the real jar, with a chosen environment and stdin, and
 * captures stdout, stderr and the exit code. Instances are immutable; {@link #env} returns a copy.
 */
final class AgentdCli {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    private final Map<String, String> environment;

    AgentdCli() {
        this(Map.of());
    }

    private AgentdCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A copy with {@code name} set; the inherited environment never contributes {@code AGENTD_*}. */
    AgentdCli env(String name, String value) {
        Map<String, String> copy = new HashMap<>(environment);
        copy.put(name, value);
        return new AgentdCli(copy);
    }

    /** Starts a command that keeps running (a follow loop); the caller ends it. */
    CliProcess start(String... args) {
        return CliProcess.start(environment, List.of(args));
    }

    CliResult run(String... args) {
        return runWithInput("", args);
    }

    CliResult runWithInput(String stdin, String... args) {
        Path stdout = TestJvm.captureFile("stdout-");
        Path stderr = TestJvm.captureFile("stderr-");
        ProcessBuilder builder = new ProcessBuilder(TestJvm.command(false, List.of(args)))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(TestJvm.environment(environment));
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("agentd " + String.join(" ", args) + " did not finish within " + RUN_LIMIT);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new CliResult(process.exitValue(), read(stdout), read(stderr), elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) throws IOException {
        String text = Files.readString(file);
        Files.delete(file);
        return text;
    }
}
