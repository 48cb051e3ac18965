package dev.agentd.daemon.mcp.tools;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.params.MemoryParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Progress stages (mcp §12.3): per tool, in order, each once, the last with
 * {@code progress == total}; inner stages fired from inside the memory operation; none when the
 * call fails before anything happened.
 */
class ToolProgressTest {
    @TempDir
    Path dir;

    private ToolBench bench;

    @BeforeEach
    void open() {
        bench = new ToolBench(dir);
        bench.memory.addFact(bench.graph, FactInput.of("deploy", "blue-green on friday"));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            memory_add_fact        | {"subject":"s","body":"b"}   | [1/2 applied, 2/2 durable]
            memory_save_knowledge  | {"subject":"s","body":"b"}   | [1/2 applied, 2/2 durable]
            memory_save_procedural | {"subject":"s","body":"b"}   | [1/2 applied, 2/2 durable]
            memory_delete          | {"id":"ws-deploy"}           | [1/2 applied, 2/2 durable]
            memory_delete          | {"id":"nothing-here"}        | [1/2 applied, 2/2 durable]
            memory_delete          | {"id":"proactive-status:x"}  | [1/2 applied, 2/2 durable]
            memory_update_status   | {"body":"busy"}              | [1/1 applied]
            memory_query           | {"query":"deploy"}           | [1/2 seeds selected, 2/2 ranked]
            memory_build_context   | {"query":"deploy"}           | [1/2 facts ranked, 2/2 context assembled]
            memory_fact_count      | {}                           | [1/1 counted]
            """)
    void eachToolReportsItsStagesInOrder(String tool, String arguments, String expected) {
        assertThat(bench.stagesOf(tool, arguments).toString()).isEqualTo(expected);
    }

    @Test
    void appliedIsReportedWhenTheGraphHoldsTheFactBeforeTheCallReturns() {
        List<String> seen = new ArrayList<>();
        ToolProgress probe = (progress, total, message) ->
                seen.add(message + " count=" + bench.memory.factCount(bench.graph));

        bench.call(McpProtocolVersion.LATEST, "memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\"}", probe);
        bench.call(McpProtocolVersion.LATEST, "memory_delete", "{\"id\":\"mcp-s\"}", probe);

        assertThat(seen).containsExactly("applied count=2", "durable count=2", "applied count=1", "durable count=1");
    }

    @Test
    void innerStagesComeFromInsideTheMemoryOperation() {
        List<String> seen = new ArrayList<>();
        MemoryParams.Query query = new MemoryParams.Query("deploy", 5);
        bench.memory.query(bench.graph, query, () -> seen.add("seeds"));
        bench.memory.buildContext(bench.graph, new MemoryParams.BuildContext("deploy", null, false),
                () -> seen.add("facts"));
        bench.memory.addFact(bench.graph, FactInput.of("x", "y"), () -> seen.add("applied"));
        bench.memory.delete(bench.graph, bench.statuses, "ghost", () -> seen.add("not applied: nothing matched"));

        assertThat(seen).containsExactly("seeds", "facts", "applied");
    }

    @Test
    void aFailingProgressListenerDoesNotFailTheCall() {
        ObjectNode result = bench.call(McpProtocolVersion.LATEST, "memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\"}",
                (progress, total, message) -> {
                    throw new IllegalStateException("listener broke");
                });

        assertThatJson(result).node("structuredContent").isEqualTo("{\"id\":\"mcp-s\",\"fact_count\":2}");
        assertThat(bench.memory.factCount(bench.graph)).isEqualTo(2);
    }

    @Test
    void noStagesWhenTheServiceRefusesTheWrite() {
        assertThat(bench.stagesOf("memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\",\"supersedes\":\"ghost\"}"))
                .isEmpty();
        assertThat(bench.stagesOf("memory_query", "{\"query\":\"" + "q".repeat(65537) + "\"}")).isEmpty();
    }

    @Test
    void aJournalFailureIsAMemoryErrorWithoutStages() {
        bench.hooks.arm(TestHooks.MEMORY_JOURNAL_FAIL_APPEND, "shared");
        List<ToolBench.Stage> stages = new ArrayList<>();

        ObjectNode result = bench.call(McpProtocolVersion.LATEST, "memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\"}",
                (progress, total, message) -> stages.add(new ToolBench.Stage(progress, total, message)));

        assertThatJson(result).isEqualTo("""
                {"content":[{"type":"text","text":"${json-unit.regex}memory error: memory graph 'shared' failed: journal I/O error: .*"}],
                 "isError":true}
                """);
        assertThat(stages).isEmpty();
    }
}
