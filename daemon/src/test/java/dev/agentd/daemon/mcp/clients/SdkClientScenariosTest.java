package dev.agentd.daemon.mcp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.mcp.McpSettings;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TypeScript SDK ({@code @modelcontextprotocol/sdk} 1.29.0) as a client of {@code /mcp}: each
 * scenario of mcp §15.4 (check 35) is one run of {@code sdk-client.mjs} against a daemon with
 * auth and that scenario's options. Scenarios with default options share one daemon; each other
 * option set gets its own.
 */
@RequiresNode
class SdkClientScenariosTest {
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of(System.getProperty("basedir", "."), "target", "sdk-client").toAbsolutePath();

    @RegisterExtension
    static final DaemonExtension daemon = DaemonExtension.builder().build();

    @Test
    void basic() throws Exception {
        assertScenario("basic", daemon);
    }

    @Test
    void notifications() throws Exception {
        assertScenario("notify", daemon);
    }

    @Test
    void resume() throws Exception {
        assertScenario("resume", daemon);
    }

    @Test
    void replace() throws Exception {
        assertScenario("replace", daemon);
    }

    @Test
    void delete() throws Exception {
        assertScenario("delete", daemon);
    }

    @Test
    void progress() throws Exception {
        assertScenario("progress", daemon);
    }

    /** {@code --mcp-ring 16} */
    @Nested
    class SmallRing {
        @RegisterExtension
        final DaemonExtension ringOf16 = daemonWith(mcp -> mcp.withRingCapacity(16));

        @Test
        void gap() throws Exception {
            assertScenario("gap", ringOf16);
        }
    }

    /** {@code --mcp-keepalive 1s --mcp-idle-ttl 3s} */
    @Nested
    class FastKeepAlive {
        @RegisterExtension
        final DaemonExtension keepAliveEverySecond = daemonWith(mcp -> mcp
                .withKeepAlive(Duration.ofSeconds(1))
                .withIdleTtl(Duration.ofSeconds(3)));

        @Test
        void keepalive() throws Exception {
            assertScenario("keepalive", keepAliveEverySecond);
        }
    }

    /** {@code --mcp-idle-ttl 2s --mcp-max-age 8s --mcp-keepalive 500ms} */
    @Nested
    class ShortLived {
        @RegisterExtension
        final DaemonExtension shortTtls = daemonWith(mcp -> mcp
                .withIdleTtl(Duration.ofSeconds(2))
                .withMaxAge(Duration.ofSeconds(8))
                .withKeepAlive(Duration.ofMillis(500)));

        @Test
        void expiry() throws Exception {
            assertScenario("expiry", shortTtls);
        }
    }

    private static DaemonExtension daemonWith(UnaryOperator<McpSettings> options) {
        return DaemonExtension.builder().configure(config -> config.withMcp(options.apply(McpSettings.DEFAULTS))).build();
    }

    private static void assertScenario(String scenario, DaemonExtension target) throws IOException, InterruptedException {
        NodeRun run = NodeRun.of(List.of("sdk-client.mjs", scenario,
                "--url", target.httpBase() + "/mcp",
                "--token", target.authToken()), SCENARIO_TIMEOUT, LOGS.resolve(scenario));

        assertThat(run.succeeded()).as("%s", run.describe()).isTrue();
        JsonNode summary = summary(run);
        assertThat(summary.path("scenario").asText()).as("%s", run.describe()).isEqualTo(scenario);
        assertThat(summary.path("ok").asBoolean()).as("%s", run.describe()).isTrue();
    }

    /** The one JSON line the script prints on stdout. */
    private static JsonNode summary(NodeRun run) throws IOException {
        List<String> lines = run.stdout().strip().lines().toList();
        assertThat(lines).as("%s", run.describe()).hasSize(1);
        return Json.mapper().readTree(lines.get(0));
    }
}
