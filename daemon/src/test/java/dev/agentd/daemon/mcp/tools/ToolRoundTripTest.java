package dev.agentd.daemon.mcp.tools;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import dev.agentd.daemon.memory.StatusSlots;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.MemoryChange;
import dev.agentd.memgine.params.MemoryParams;
import dev.agentd.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool against a real memory service (mcp §12.1, §12.2; check 30 at unit level): result
 * shapes, text equal to the structured object's compact JSON, and the same graph and status slots
 * as the WebSocket twins.
 */
class ToolRoundTripTest {
    @TempDir
    Path dir;

    private ToolBench bench;

    @BeforeEach
    void open() {
        bench = new ToolBench(dir);
    }

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void addFactAnswersIdAndCountWithMcpIdsAndQueryFindsIt() {
        ObjectNode added = bench.call("memory_add_fact", "{\"subject\":\"deploy\",\"body\":\"blue-green on friday\"}");

        assertThatJson(added).isEqualTo("""
                {"content":[{"type":"text","text":"{\\"id\\":\\"mcp-deploy\\",\\"fact_count\\":1}"}],
                 "structuredContent":{"id":"mcp-deploy","fact_count":1},"isError":false}
                """);
        assertThat(added.get("content").get(0).get("text").textValue()).isEqualTo(added.get("structuredContent").toString());
        assertThatJson(bench.call("memory_add_fact", "{\"subject\":\"deploy\",\"body\":\"canary first\"}"))
                .node("structuredContent").isEqualTo("{\"id\":\"mcp-deploy-2\",\"fact_count\":2}");

        ObjectNode found = bench.call("memory_query", "{\"query\":\"blue-green deploy\",\"k\":1}");

        assertThatJson(found).node("isError").isEqualTo(false);
        assertThatJson(found).node("structuredContent.results").isArray().hasSize(1);
        assertThatJson(found).node("structuredContent.results[0]").isEqualTo("""
                {"id":"mcp-deploy","subject":"deploy","body":"blue-green on friday","kind":"pattern",
                 "confidence":"${json-unit.any-number}"}
                """);
        assertThat(textAsJson(found)).isEqualTo(found.get("structuredContent"));
    }

    @Test
    void addFactTakesTheTwinsExtensionArguments() {
        bench.call("memory_add_fact", "{\"subject\":\"base\",\"body\":\"old rule\"}");

        ObjectNode added = bench.call("memory_add_fact", """
                {"subject":"rule","body":"never deploy on friday","kind":"constraint","id":"friday-rule",
                 "supersedes":"mcp-base","depends_on":[],"confidence":0.5,"tags":["ops"],
                 "expires_at":%d}
                """.formatted(System.currentTimeMillis() + 3_600_000));

        assertThatJson(added).node("structuredContent").isEqualTo("{\"id\":\"friday-rule\",\"fact_count\":1}");
        assertThat(bench.memory.buildContext(bench.graph, new MemoryParams.BuildContext("deploy", null, false)))
                .contains("[friday-rule] rule: never deploy on friday");
    }

    @Test
    void queryDefaultsToFiveResults() {
        for (int i = 0; i < 7; i++) {
            bench.call("memory_add_fact", "{\"subject\":\"deploy " + i + "\",\"body\":\"deploy step " + i + "\"}");
        }

        assertThatJson(bench.call("memory_query", "{\"query\":\"deploy step\"}")).node("structuredContent.results")
                .isArray().hasSize(5);
    }

    @Test
    void buildContextTextIsTheContextItself() {
        bench.call("memory_add_fact", "{\"subject\":\"deploy\",\"body\":\"blue-green on friday\"}");

        ObjectNode context = bench.call("memory_build_context",
                "{\"query\":\"how do we deploy\",\"model_context_window\":8000,\"show_history\":false}");

        String text = context.get("content").get(0).get("text").textValue();
        assertThat(text).contains("blue-green on friday").startsWith("## Facts");
        assertThatJson(context).node("structuredContent").isEqualTo(
                Json.mapper().createObjectNode().put("context", text));
        assertThat(text).isEqualTo(bench.memory.buildContext(bench.graph,
                new MemoryParams.BuildContext("how do we deploy", 8000, false)));
    }

    @Test
    void saveKnowledgeAndProceduralMintTheirKinds() {
        assertThatJson(bench.call("memory_save_knowledge",
                "{\"subject\":\"port\",\"body\":\"the daemon listens on 9100\",\"confidence\":\"high\",\"tags\":[\"net\"]}"))
                .isEqualTo("""
                        {"content":[{"type":"text","text":"{\\"id\\":\\"knowledge-port\\",\\"kind\\":\\"knowledge\\",\\"fact_count\\":1}"}],
                         "structuredContent":{"id":"knowledge-port","kind":"knowledge","fact_count":1},"isError":false}
                        """);
        assertThatJson(bench.call("memory_save_procedural",
                "{\"subject\":\"flaky test\",\"body\":\"retry once\",\"tenant_id\":\"acme\",\"is_constraint\":true,\"id\":\"p1\"}"))
                .node("structuredContent").isEqualTo("{\"id\":\"p1\",\"kind\":\"procedural\",\"fact_count\":2}");
        assertThat(bench.memory.query(bench.graph, new MemoryParams.Query("retry flaky test", 5)))
                .anySatisfy(hit -> assertThat(hit.kind()).isEqualTo("procedural"));
    }

    @Test
    void deleteRemovesTheFactSoQueryNoLongerFindsIt() {
        bench.call("memory_add_fact", "{\"subject\":\"deploy\",\"body\":\"blue-green on friday\"}");

        assertThatJson(bench.call("memory_delete", "{\"id\":\"mcp-deploy\"}")).isEqualTo("""
                {"content":[{"type":"text","text":"{\\"id\\":\\"mcp-deploy\\",\\"deleted\\":true,\\"kind\\":\\"pattern\\",\\"fact_count\\":0}"}],
                 "structuredContent":{"id":"mcp-deploy","deleted":true,"kind":"pattern","fact_count":0},"isError":false}
                """);
        assertThatJson(bench.call("memory_query", "{\"query\":\"blue-green deploy\"}"))
                .node("structuredContent.results").isArray().isEmpty();
        assertThatJson(bench.call("memory_delete", "{\"id\":\"mcp-deploy\"}")).node("structuredContent")
                .isEqualTo("{\"id\":\"mcp-deploy\",\"deleted\":false,\"kind\":null,\"fact_count\":0}");
    }

    @Test
    void updateStatusUsesTheSessionsSlotAndDeleteClearsIt() {
        assertThatJson(bench.call("memory_update_status", "{\"body\":\"step 3/5: migrating\",\"tenant_id\":\"acme\"}"))
                .isEqualTo("""
                        {"content":[{"type":"text","text":"{\\"id\\":\\"proactive-status:acme\\",\\"body\\":\\"step 3/5: migrating\\",\\"tenant_id\\":\\"acme\\"}"}],
                         "structuredContent":{"id":"proactive-status:acme","body":"step 3/5: migrating","tenant_id":"acme"},
                         "isError":false}
                        """);
        assertThatJson(bench.call("memory_update_status", "{\"body\":\"idle\"}")).node("structuredContent")
                .isEqualTo("{\"id\":\"proactive-status:global\",\"body\":\"idle\"}");

        assertThatJson(bench.call("memory_delete", "{\"id\":\"proactive-status:acme\"}")).node("structuredContent")
                .isEqualTo("{\"id\":\"proactive-status:acme\",\"deleted\":true,\"kind\":\"status\",\"fact_count\":0}");
        assertThatJson(bench.call("memory_delete", "{\"id\":\"proactive-status:acme\"}")).node("structuredContent.deleted")
                .isEqualTo(false);
        // the slot is this session's own: another session's slots are untouched
        assertThat(bench.memory.delete(bench.graph, new StatusSlots(),
                "proactive-status:global").deleted()).isFalse();
        assertThat(bench.memory.delete(bench.graph, bench.statuses, "proactive-status:global").deleted()).isTrue();
        assertThat(bench.memory.factCount(bench.graph)).isZero();
    }

    @Test
    void factCountEqualsTheServiceCountOfTheSameGraph() {
        bench.memory.addFact(bench.graph, FactInput.of("websocket", "written by the twin"));
        bench.call("memory_save_knowledge", "{\"subject\":\"k\",\"body\":\"v\"}");

        ObjectNode counted = bench.call("memory_fact_count", "{}");

        assertThatJson(counted).isEqualTo("""
                {"content":[{"type":"text","text":"{\\"fact_count\\":2}"}],"structuredContent":{"fact_count":2},"isError":false}
                """);
        assertThat(bench.memory.factCount(bench.graph)).isEqualTo(2);
    }

    @Test
    void writesPublishTheirChangeEventsWithTheMcpOps() {
        List<MemoryChange> changes = new CopyOnWriteArrayList<>();
        bench.memory.onChange(changes::add);

        bench.call("memory_add_fact", "{\"subject\":\"deploy\",\"body\":\"b\"}");
        bench.call("memory_save_procedural", "{\"subject\":\"p\",\"body\":\"b\"}");
        bench.call("memory_update_status", "{\"body\":\"busy\"}");
        bench.call("memory_delete", "{\"id\":\"mcp-deploy\"}");

        await().untilAsserted(() -> assertThat(changes).extracting(MemoryChange::op)
                .containsExactly("add_fact", "save_procedural", "delete"));
        assertThat(changes).extracting(MemoryChange::graph).containsOnly("shared");
    }

    @Test
    void the20250326ResultsHaveNoStructuredContentButTheSameText() {
        ObjectNode added = bench.call(McpProtocolVersion.V2025_03_26, "memory_add_fact",
                "{\"subject\":\"deploy\",\"body\":\"b\"}", ToolProgress.NONE);
        ObjectNode context = bench.call(McpProtocolVersion.V2025_03_26, "memory_build_context",
                "{\"query\":\"deploy\"}", ToolProgress.NONE);

        assertThatJson(added).isEqualTo("""
                {"content":[{"type":"text","text":"{\\"id\\":\\"mcp-deploy\\",\\"fact_count\\":1}"}],"isError":false}
                """);
        assertThat(context.has("structuredContent")).isFalse();
        assertThat(context.get("content").get(0).get("text").textValue()).contains("## Facts");
    }

    @Test
    void structuredOutputOn20250618() {
        assertThatJson(bench.call(McpProtocolVersion.V2025_06_18, "memory_fact_count", "{}", ToolProgress.NONE))
                .node("structuredContent").isEqualTo("{\"fact_count\":0}");
    }

    private static JsonNode textAsJson(ObjectNode result) {
        return ToolBench.parse(result.get("content").get(0).get("text").textValue());
    }
}
