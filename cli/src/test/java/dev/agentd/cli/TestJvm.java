package dev.agentd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the process tests launch the real {@code agentd.jar}. */
final class TestJvm {
    static final Path JAR = Path.of(requiredProperty("agentd.jar"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Stands in for the user's home so that a default {@code ~/.agentd} never touches the real one. */
    static final Path SANDBOX_HOME = createTempDirectory("agentd-it-home-");
    /** Captured stdout and stderr files live here, outside every state root. */
    static final Path CAPTURE_DIR = createTempDirectory("agentd-it-output-");

    private TestJvm() {}

    /** {@code java [flags] -jar agentd.jar args...}; short-lived client JVMs skip the C2 compiler. */
    static List<String> command(boolean testHooks, List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.home=" + SANDBOX_HOME));
        if (testHooks) {
            command.add("-Dagentd.test-hooks=true");
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
