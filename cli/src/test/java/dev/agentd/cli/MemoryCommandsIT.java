package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code memory} commands against a real auth-on daemon (cli §6.8, §9 check 13). Only the first
 * test writes to the shared graph; the others work in namespaces of their own.
 */
class MemoryCommandsIT {
    private static final String EMPTY_TABLE = "SCORE  KIND  ID  SUBJECT  BODY\n";

    @TempDir
    static Path root;

    private static DaemonProcess daemon;

    @BeforeAll
    static void startDaemon() {
        daemon = DaemonProcess.start(root);
    }

    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    private static CliResult succeed(String... args) {
        CliResult result = new AgentdCli().env("AGENTD_HOME", root.toString()).run(args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isEmpty();
        return result;
    }

    /** Check 13. */
    @Test
    void addQueryAndContextOnTheSharedGraph() {
        CliResult added = succeed("memory", "add", "deploy", "use blue-green");
        CliResult queried = succeed("memory", "query", "deploy");
        CliResult context = succeed("memory", "context", "deploy");
        CliResult elsewhere = succeed("memory", "query", "deploy", "--namespace", "other");

        assertThat(added.stdout()).isEqualTo("added (fact count: 1)\n");
        List<String> lines = queried.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("SCORE +KIND +ID +SUBJECT +BODY");
        List<String> cells = List.of(lines.get(1).split(" {2,}"));
        assertThat(cells).hasSize(5);
        assertThat(cells.get(0)).matches("\\d\\.\\d{4}");
        assertThat(Double.parseDouble(cells.get(0))).isPositive();
        assertThat(cells.subList(1, 5)).containsExactly("pattern", "ws-deploy", "deploy", "use blue-green");
        assertThat(context.stdout()).contains("use blue-green").endsWith("\n");
        assertThat(elsewhere.stdout()).isEqualTo(EMPTY_TABLE);
    }

    @Test
    void jsonPrintsTheRawResults() {
        CliResult added = succeed("memory", "add", "owner", "ana", "--kind", "constraint", "--namespace", "json", "--json");
        CliResult queried = succeed("memory", "query", "owner", "-k", "1", "--namespace", "json", "--json");
        CliResult context = succeed("memory", "context", "owner", "--namespace", "json", "--json");

        assertThat(added.stdout()).isEqualTo("1\n");
        assertThatJson(queried.stdout()).isEqualTo("""
                [{"id":"ws-owner","subject":"owner","body":"ana","kind":"constraint","confidence":"${json-unit.any-number}"}]""");
        assertThat(context.stdout()).isEqualTo("\"## Constraints\\n⚠️ [ws-owner] owner: ana\"\n");
    }

    @Test
    void memoryAlonePrintsItsUsage() {
        CliResult result = new AgentdCli().env("AGENTD_HOME", root.toString()).run("memory");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("add").contains("query").contains("context");
    }

    @Test
    void aDaemonErrorExitsOne() {
        CliResult result = new AgentdCli().env("AGENTD_HOME", root.toString())
                .run("memory", "query", "x", "-k", "-1", "--namespace", "errors");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("agentd: error -32602: invalid params: k must be an integer >= 0\n");
    }
}
