package dev.agentd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** How the process tests launch the real {@code agentd.jar}. */
final class TestJvm {
    static final Path JAR = Path.of(requiredProperty("agentd.jar"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Stands in for the user's home so that a default {@code ~/.agentd} never touches the real one. */
    static final Path SANDBOX_HOME = createTempDirectory("agentd-it-home-");
    /** Captured stdout and stderr files live here, outside every state root. */
    static final Path CAPTURE_DIR = createTempDirectory("agentd-it-output-");

    private static final List<String> FAST_START_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /**
     * A class-data archive of the client commands' classes, dumped once per test run: a client JVM
     * starts markedly faster with it, and the process tests run about a hundred of them. Empty if
     * the JVM cannot make one; the runs then just start slower.
     */
    private static final Optional<Path> CLIENT_CLASS_ARCHIVE = dumpClientClassArchive();

    private TestJvm() {}

    /** {@code java [flags] -jar agentd.jar args...}; short-lived client JVMs skip the C2 compiler. */
    static List<String> command(boolean testHooks, List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(FAST_START_FLAGS);
        command.add("-Duser.home=" + SANDBOX_HOME);
        if (testHooks) {
            command.add("-Dagentd.test-hooks=true");
        } else {
            CLIENT_CLASS_ARCHIVE.ifPresent(archive -> command.addAll(List.of(
                    // -Xlog:disable keeps a JVM warning about the archive from reaching captured output
                    "-XX:SharedArchiveFile=" + archive, "-Xlog:disable")));
        }
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        return command;
    }

    /** The inherited environment without any {@code AGENTD_*} variable, plus {@code overrides}. */
    static Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("AGENTD_"));
        environment.putAll(overrides);
        return environment;
    }

    /** Runs one client command that loads the connect path (it finds no daemon) with the archive dumped at exit. */
    private static Optional<Path> dumpClientClassArchive() {
        Path archive = CAPTURE_DIR.resolve("client-classes.jsa");
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(FAST_START_FLAGS);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-Duser.home=" + SANDBOX_HOME,
                "-jar", JAR.toString(), "agents", "list", "--url", "ws://127.0.0.1:1/"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment(Map.of()));
        try {
            Process process = builder.start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            return exited && Files.size(archive) > 0 ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Path captureFile(String prefix) {
        try {
            return Files.createTempFile(CAPTURE_DIR, prefix, ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through failsafe)");
        }
        return value;
    }

    private static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
