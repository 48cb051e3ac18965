package dev.agentd.daemon.mcp.tools;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import dev.agentd.protocol.RpcException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Protocol errors and tool failures of {@code tools/call} (mcp §11, §12.1; the isError parts of
 * check 28): -32602 when no tool is named, {@code isError} results for schema violations and
 * memory errors, with no progress and no write.
 */
class ToolValidationTest {
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
    void anUnknownToolIsAProtocolError() {
        assertThatThrownBy(() -> bench.call("memory_nope", "{}"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.getMessage()).isEqualTo("Unknown tool: memory_nope");
                });
    }

    @Test
    void aMissingOrNonStringNameIsAProtocolError() {
        ToolContext context = bench.context(McpProtocolVersion.LATEST);
        for (String params : new String[] {"{}", "{\"name\":7}", "{\"name\":null,\"arguments\":{}}", "null"}) {
            assertThatThrownBy(() -> bench.tools.call(ToolBench.parse(params), context, ToolProgress.NONE))
                    .as(params)
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32602);
                        assertThat(e.getMessage()).isEqualTo("invalid params: name: required string");
                    });
        }
        assertThatThrownBy(() -> bench.tools.call(null, context, ToolProgress.NONE))
                .hasMessage("invalid params: name: required string");
    }

    @Test
    void paramsThatAreNotAnObjectAreAProtocolError() {
        assertThatThrownBy(() -> bench.tools.call(ToolBench.parse("[\"memory_query\"]"),
                bench.context(McpProtocolVersion.LATEST), ToolProgress.NONE))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.getMessage()).isEqualTo("invalid params: params must be an object");
                });
    }

    @Test
    void aMissingRequiredArgumentIsAToolFailure() {
        ObjectNode result = bench.call("memory_query", "{}");

        assertThatJson(result).isEqualTo("""
                {"content":[{"type":"text","text":"invalid arguments: query: required"}],"isError":true}
                """);
    }

    @Test
    void absentArgumentsCountAsAnEmptyObject() {
        assertThatJson(bench.call("memory_query", null)).node("content[0].text")
                .isEqualTo("invalid arguments: query: required");
        assertThatJson(bench.call("memory_fact_count", null)).node("isError").isEqualTo(false);
        assertThatJson(bench.call("memory_fact_count", "null")).node("isError").isEqualTo(false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            memory_query         | {"query":"x","k":99}                    | k: must be <= 50
            memory_query         | {"query":"x","k":0}                     | k: must be >= 1
            memory_query         | {"query":"x","k":"5"}                   | k: must be an integer
            memory_query         | {"query":"x","k":5.0}                   | k: must be an integer
            memory_query         | {"query":""}                            | query: must be at least 1 characters long
            memory_query         | {"query":"x","limit":3}                 | limit: unknown property
            memory_query         | {"k":3,"extra":1}                       | query: required
            memory_query         | {"query":null}                          | query: required
            memory_query         | []                                      | must be an object
            memory_query         | "deploy"                                | must be an object
            memory_add_fact      | {"subject":"s"}                         | body: required
            memory_add_fact      | {"subject":"","body":"b"}               | subject: must be at least 1 characters long
            memory_add_fact      | {"subject":"s","body":"b","confidence":1.5} | confidence: must be <= 1
            memory_add_fact      | {"subject":"s","body":"b","confidence":-0.1} | confidence: must be >= 0
            memory_add_fact      | {"subject":"s","body":"b","confidence":"high"} | confidence: must be a number
            memory_add_fact      | {"subject":"s","body":"b","tags":["a",1]} | tags[1]: must be a string
            memory_add_fact      | {"subject":"s","body":"b","tags":"a"}   | tags: must be an array
            memory_add_fact      | {"subject":"s","body":"b","depends_on":[null]} | depends_on[0]: must be a string
            memory_add_fact      | {"subject":"s","body":"b","expires_at":"2030-01-01T00:00:00Z"} | expires_at: must be an integer
            memory_add_fact      | {"subject":"s","body":7}                | body: must be a string
            memory_build_context | {"query":"q","model_context_window":0}  | model_context_window: must be >= 1
            memory_build_context | {"query":"q","show_history":"yes"}      | show_history: must be a boolean
            memory_save_knowledge | {"subject":"s","body":"b","confidence":0.9} | confidence: must be a string
            memory_save_knowledge | {"subject":"s","body":"b","kind":"x"}  | kind: unknown property
            memory_save_procedural | {"subject":"s","body":"b","is_constraint":1} | is_constraint: must be a boolean
            memory_delete        | {"id":""}                               | id: must be at least 1 characters long
            memory_delete        | {}                                      | id: required
            memory_update_status | {"tenant_id":"acme"}                    | body: required
            memory_fact_count    | {"graph":"shared"}                      | graph: unknown property
            """)
    void schemaViolationsAreToolFailuresWithoutProgressOrWrites(String tool, String arguments, String detail) {
        List<ToolBench.Stage> stages = bench.stagesOf(tool, arguments);

        assertThatJson(bench.call(tool, arguments)).isEqualTo("""
                {"content":[{"type":"text","text":%s}],"isError":true}
                """.formatted(jsonString("invalid arguments: " + detail)));
        assertThat(stages).isEmpty();
        assertThat(bench.memory.factCount(bench.graph)).isZero();
    }

    @Test
    void minLengthCountsCodePoints() {
        assertThatJson(bench.call("memory_query", "{\"query\":\"\\ud83d\\ude80\"}")).node("isError").isEqualTo(false);
    }

    @Test
    void aNullOptionalArgumentCountsAsAbsentLikeTheWebSocketTwin() {
        ObjectNode result = bench.call("memory_add_fact",
                "{\"subject\":\"deploy\",\"body\":\"blue-green\",\"kind\":null,\"tags\":null,\"confidence\":null}");

        assertThatJson(result).node("isError").isEqualTo(false);
        assertThatJson(result).node("structuredContent").isEqualTo("{\"id\":\"mcp-deploy\",\"fact_count\":1}");
    }

    @Test
    void memoryServiceRefusalsAreToolFailuresWithTheServiceMessage() {
        assertThatJson(bench.call("memory_add_fact", "{\"subject\":\"s\",\"body\":\"\"}")).isEqualTo("""
                {"content":[{"type":"text","text":"memory error: invalid params: body must be 1..65536 chars"}],
                 "isError":true}
                """);
        assertThatJson(bench.call("memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\",\"supersedes\":\"ghost\"}"))
                .node("content[0].text")
                .isEqualTo("memory error: invalid params: unknown fact id in supersedes: 'ghost'");
        assertThatJson(bench.call("memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\",\"expires_at\":1}"))
                .node("content[0].text").isEqualTo("memory error: invalid params: expires_at must be later than now");
        assertThatJson(bench.call("memory_update_status", "{\"body\":\"b\",\"tenant_id\":\"" + "t".repeat(129) + "\"}"))
                .node("content[0].text").isEqualTo("memory error: invalid params: tenant_id must be at most 128 chars");
        assertThat(bench.memory.factCount(bench.graph)).isZero();
    }

    @Test
    void aMemoryErrorAfterValidationReportsNoProgressWhenNothingWasApplied() {
        assertThat(bench.stagesOf("memory_add_fact", "{\"subject\":\"s\",\"body\":\"b\",\"depends_on\":[\"ghost\"]}"))
                .isEmpty();
    }

    private static String jsonString(String text) {
        return TextNode.valueOf(text).toString();
    }
}
