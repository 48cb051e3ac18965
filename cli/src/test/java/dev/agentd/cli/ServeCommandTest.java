package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.daemon.DaemonConfig;
import dev.agentd.daemon.mcp.McpSettings;
import dev.agentd.protocol.client.Environment;
import dev.agentd.protocol.client.StateRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The {@code --mcp-*} options of {@code agentd serve} (mcp §7.5, cli §6.1): parsing, defaults, ranges, help. */
class ServeCommandTest {
    private static final StateRoot ROOT = new StateRoot(Path.of("/srv/agentd"));
    private static final Environment NO_VARIABLES = new Environment(Map.of());

    private static DaemonConfig configOf(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config(ROOT, NO_VARIABLES);
    }

    @Test
    void withoutMcpOptionsTheSpecDefaultsApply() {
        assertThat(configOf().mcp()).isEqualTo(McpSettings.DEFAULTS);
        assertThat(McpSettings.DEFAULTS).isEqualTo(new McpSettings(Duration.ofMinutes(30), Duration.ofHours(24), 1000,
                256, Duration.ofSeconds(15)));
    }

    @Test
    void everyMcpOptionReachesTheDaemonConfig() {
        McpSettings mcp = configOf("--mcp-idle-ttl", "3s", "--mcp-max-age", "8s", "--mcp-max-sessions", "5",
                "--mcp-ring", "16", "--mcp-keepalive", "500ms").mcp();

        assertThat(mcp).isEqualTo(new McpSettings(Duration.ofSeconds(3), Duration.ofSeconds(8), 5, 16,
                Duration.ofMillis(500)));
    }

    @Test
    void durationsTakeTheCliDurSyntax() {
        assertThat(configOf("--mcp-keepalive", "2").mcp().keepAlive()).isEqualTo(Duration.ofSeconds(2));
        assertThat(configOf("--mcp-idle-ttl", "45m").mcp().idleTtl()).isEqualTo(Duration.ofMinutes(45));
        assertThat(configOf("--mcp-max-age", "2h").mcp().maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(configOf("--mcp-ring", "65536").mcp().ringCapacity()).isEqualTo(65536);
    }

    @Test
    void malformedValuesAreUsageErrors() {
        assertThatThrownBy(() -> configOf("--mcp-idle-ttl", "5x")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("invalid duration '5x' (expected <n>ms|s|m|h)");
        assertThatThrownBy(() -> configOf("--mcp-keepalive", "-1s")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("invalid duration '-1s'");
        assertThatThrownBy(() -> configOf("--mcp-ring", "many")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--mcp-ring");
        assertThatThrownBy(() -> configOf("--mcp-max-sessions", "1.5")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--mcp-max-sessions");
    }

    @Test
    void valuesOutOfRangeExit2NamingTheOption() {
        assertConfigurationError(new String[] {"--mcp-ring", "15"}, "mcp-ring: 15 (expected: 16-65536)");
        assertConfigurationError(new String[] {"--mcp-ring", "65537"}, "mcp-ring: 65537 (expected: 16-65536)");
        assertConfigurationError(new String[] {"--mcp-max-sessions", "0"}, "mcp-max-sessions: 0 (expected: >= 1)");
        assertConfigurationError(new String[] {"--mcp-keepalive", "0"}, "mcp-keepalive: PT0S (expected: > 0)");
        assertConfigurationError(new String[] {"--mcp-idle-ttl", "0ms"}, "mcp-idle-ttl: PT0S (expected: > 0)");
        assertConfigurationError(new String[] {"--mcp-max-age", "0h"}, "mcp-max-age: PT0S (expected: > 0)");
    }

    @Test
    void helpListsTheMcpOptionsWithTheirDefaults() {
        String usage = new CommandLine(new ServeCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");

        assertThat(usage).contains(
                "--mcp-idle-ttl=DUR MCP session inactivity TTL (default: 30m).",
                "--mcp-max-age=DUR MCP session absolute TTL (default: 24h).",
                "--mcp-max-sessions=N MCP session cap, least recently used evicted first, >= 1 (default: 1000).",
                "--mcp-ring=N MCP replay ring capacity per session, 16-65536 (default: 256).",
                "--mcp-keepalive=DUR MCP keep-alive interval on GET streams (default: 15s).");
    }

    private static void assertConfigurationError(String[] args, String message) {
        assertThatThrownBy(() -> configOf(args)).isInstanceOfSatisfying(CommandFailure.class, failure -> {
            assertThat(failure.exitCode()).isEqualTo(2);
            assertThat(failure.lines()).containsExactly(message);
        });
    }
}
