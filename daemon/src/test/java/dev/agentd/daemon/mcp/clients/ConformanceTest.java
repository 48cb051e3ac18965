package dev.agentd.daemon.mcp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official MCP conformance suite against {@code /mcp} (mcp §15.3, check 34): one dynamic test
 * per scenario, on a {@code --no-auth} daemon because the suite sends no bearer token.
 *
 * <p>The suite's CLI is run as {@code node node_modules/.bin/conformance server --url …
 * --spec-version 2025-11-25 --scenario <id> -o target/conformance/<id>}, the same entry point
 * {@code npx --no-install conformance} resolves, without needing npm at test time. It writes its
 * checks to {@code <output>/server-<id>-<timestamp>/checks.json}.
 */
@RequiresNode
class ConformanceTest {
    static final List<String> SCENARIOS = List.of(
            "server-initialize",
            "ping",
            "tools-list",
            "server-sse-multiple-streams",
            "server-session-lifecycle",
            "dns-rebinding-protection",
            "logging-set-level");
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);
    private static final Path OUTPUT = Path.of(System.getProperty("basedir", "."), "target", "conformance").toAbsolutePath();

    @RegisterExtension
    static final DaemonExtension daemon = DaemonExtension.builder().noAuth().build();

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return SCENARIOS.stream().map(scenario -> DynamicTest.dynamicTest(scenario, () -> passes(scenario)));
    }

    private static void passes(String scenario) throws IOException, InterruptedException {
        Path output = OUTPUT.resolve(scenario);
        deleteRecursively(output);
        NodeRun run = NodeRun.of(List.of("node_modules/.bin/conformance", "server",
                "--url", daemon.httpBase() + "/mcp",
                "--spec-version", "2025-11-25",
                "--scenario", scenario,
                "-o", output.toString()), SCENARIO_TIMEOUT, output);

        List<Path> written = checksFiles(output);
        assertThat(written).as("checks.json written by %s", run.describe()).hasSize(1);
        JsonNode checks = Json.mapper().readTree(written.get(0).toFile());
        String report = checks.toPrettyString() + "\n" + run.describe();
        assertThat(statuses(checks)).as("check statuses\n%s", report).doesNotContain("FAILURE").contains("SUCCESS");
        assertThat(run.succeeded()).as("conformance run\n%s", report).isTrue();
    }

    private static List<String> statuses(JsonNode checks) {
        return StreamSupport.stream(checks.spliterator(), false).map(check -> check.path("status").asText()).toList();
    }

    private static List<Path> checksFiles(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(path -> path.getFileName().toString().equals("checks.json")).toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
