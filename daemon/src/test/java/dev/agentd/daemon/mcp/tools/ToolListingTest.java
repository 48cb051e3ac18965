package dev.agentd.daemon.mcp.tools;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.McpProtocolVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tools/list} per protocol version (mcp §12.1, §12.2; check 29 at unit level). */
class ToolListingTest {
    private static final List<String> ORDER = List.of("memory_add_fact", "memory_query", "memory_build_context",
            "memory_save_knowledge", "memory_save_procedural", "memory_delete", "memory_update_status",
            "memory_fact_count");
    /** The keywords common to draft-07 and 2020-12 that §12.1 allows, plus the names under {@code properties}. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("type", "properties", "required", "items", "minimum",
            "maximum", "minLength", "default", "description", "additionalProperties");

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

    @ParameterizedTest
    @EnumSource(McpProtocolVersion.class)
    void listsTheEightToolsInTableOrderWithClosedObjectInputSchemas(McpProtocolVersion version) {
        ArrayNode tools = bench.tools.list(version);

        assertThat(tools).extracting(tool -> tool.get("name").textValue()).containsExactlyElementsOf(ORDER);
        for (JsonNode tool : tools) {
            assertThat(tool.get("description").textValue()).isNotBlank();
            assertThatJson(tool.get("inputSchema")).isObject()
                    .containsEntry("type", "object")
                    .containsEntry("additionalProperties", false)
                    .containsKey("properties");
            assertThatJson(tool.get("annotations")).isObject()
                    .containsKeys("title", "readOnlyHint", "destructiveHint", "idempotentHint")
                    .containsEntry("openWorldHint", false);
        }
    }

    @ParameterizedTest
    @EnumSource(value = McpProtocolVersion.class, names = {"V2025_11_25", "V2025_06_18"})
    void structuredOutputVersionsDeclareAnOutputSchemaForEveryTool(McpProtocolVersion version) {
        for (JsonNode tool : bench.tools.list(version)) {
            assertThatJson(tool.get("outputSchema")).isObject().containsEntry("type", "object").containsKey("required");
        }
    }

    @Test
    void the20250326ListingHasNoOutputSchema() {
        for (JsonNode tool : bench.tools.list(McpProtocolVersion.V2025_03_26)) {
            assertThat(tool.has("outputSchema")).as(tool.get("name").textValue()).isFalse();
        }
    }

    @Test
    void memoryQueryIsListedExactlyAsTheSpecExample() {
        JsonNode query = bench.tools.list(McpProtocolVersion.V2025_11_25).get(1);

        assertThatJson(query).isEqualTo("""
                {"name":"memory_query","description":"Retrieve the k most relevant facts for a query from this session's memory graph.",
                 "inputSchema":{"type":"object","additionalProperties":false,"required":["query"],"properties":{
                   "query":{"type":"string","minLength":1,"description":"Natural-language query"},
                   "k":{"type":"integer","minimum":1,"maximum":50,"default":5}}},
                 "outputSchema":{"type":"object","required":["results"],"properties":{"results":{"type":"array","items":{
                   "type":"object","required":["id","subject","body","kind","confidence"],"properties":{
                   "id":{"type":"string"},"subject":{"type":"string"},"body":{"type":"string"},"kind":{"type":"string"},
                   "confidence":{"type":"number"}}}}}},
                 "annotations":{"title":"Query memory","readOnlyHint":true,"destructiveHint":false,"idempotentHint":true,"openWorldHint":false}}
                """);
        assertThat(fieldNames(query)).containsExactly("name", "description", "inputSchema", "outputSchema",
                "annotations");
    }

    @Test
    void hintsFollowTheTable() {
        List<String> hints = new ArrayList<>();
        for (JsonNode tool : bench.tools.list(McpProtocolVersion.LATEST)) {
            JsonNode annotations = tool.get("annotations");
            hints.add(tool.get("name").textValue() + " " + yesNo(annotations.get("readOnlyHint"))
                    + "/" + yesNo(annotations.get("destructiveHint")) + "/" + yesNo(annotations.get("idempotentHint")));
        }

        assertThat(hints).containsExactly(
                "memory_add_fact no/no/no",
                "memory_query yes/no/yes",
                "memory_build_context yes/no/yes",
                "memory_save_knowledge no/no/no",
                "memory_save_procedural no/no/no",
                "memory_delete no/yes/yes",
                "memory_update_status no/no/yes",
                "memory_fact_count yes/no/yes");
    }

    @Test
    void inputSchemasDeclareTheTablesPropertiesAndRequiredOnes() {
        ArrayNode tools = bench.tools.list(McpProtocolVersion.LATEST);

        assertThat(propertiesOf(tools.get(0))).containsExactly("subject", "body", "kind", "id", "supersedes",
                "depends_on", "confidence", "expires_at", "tags");
        assertThatJson(tools.get(0)).node("inputSchema.required").isEqualTo("[\"subject\",\"body\"]");
        assertThatJson(tools.get(0)).node("inputSchema.properties").isEqualTo("""
                {"subject":{"type":"string","minLength":1,"description":"${json-unit.any-string}"},
                 "body":{"type":"string","description":"${json-unit.any-string}"},
                 "kind":{"type":"string","default":"pattern","description":"${json-unit.any-string}"},
                 "id":{"type":"string","description":"${json-unit.any-string}"},
                 "supersedes":{"type":"string","description":"${json-unit.any-string}"},
                 "depends_on":{"type":"array","items":{"type":"string"},"description":"${json-unit.any-string}"},
                 "confidence":{"type":"number","minimum":0,"maximum":1,"description":"${json-unit.any-string}"},
                 "expires_at":{"type":"integer","description":"${json-unit.any-string}"},
                 "tags":{"type":"array","items":{"type":"string"}}}
                """);
        assertThatJson(tools.get(2)).node("inputSchema.properties").isEqualTo("""
                {"query":{"type":"string","minLength":1,"description":"${json-unit.any-string}"},
                 "model_context_window":{"type":"integer","minimum":1,"description":"${json-unit.any-string}"},
                 "show_history":{"type":"boolean","default":false,"description":"${json-unit.any-string}"}}
                """);
        for (int save : new int[] {3, 4}) {
            assertThat(propertiesOf(tools.get(save))).containsExactly("subject", "body", "id", "tags", "confidence",
                    "tenant_id", "is_constraint");
            assertThatJson(tools.get(save)).node("inputSchema.required").isEqualTo("[\"subject\",\"body\"]");
            assertThatJson(tools.get(save)).node("inputSchema.properties.confidence.type").isEqualTo("string");
        }
        assertThatJson(tools.get(5)).node("inputSchema.properties.id.minLength").isEqualTo(1);
        assertThatJson(tools.get(5)).node("inputSchema.required").isEqualTo("[\"id\"]");
        assertThat(propertiesOf(tools.get(6))).containsExactly("body", "tenant_id");
        assertThatJson(tools.get(6)).node("inputSchema.required").isEqualTo("[\"body\"]");
        assertThatJson(tools.get(7)).node("inputSchema").isEqualTo("""
                {"type":"object","additionalProperties":false,"properties":{}}
                """);
    }

    @Test
    void outputSchemasDescribeTheStructuredResults() {
        ArrayNode tools = bench.tools.list(McpProtocolVersion.LATEST);

        assertThatJson(tools.get(0)).node("outputSchema.required").isEqualTo("[\"id\",\"fact_count\"]");
        assertThatJson(tools.get(2)).node("outputSchema").isEqualTo("""
                {"type":"object","required":["context"],"properties":{"context":{"type":"string"}}}
                """);
        assertThatJson(tools.get(3)).node("outputSchema.required").isEqualTo("[\"id\",\"kind\",\"fact_count\"]");
        assertThatJson(tools.get(5)).node("outputSchema").isEqualTo("""
                {"type":"object","required":["id","deleted","kind","fact_count"],"properties":{
                  "id":{"type":"string"},"deleted":{"type":"boolean"},"kind":{"type":["string","null"]},
                  "fact_count":{"type":"integer"}}}
                """);
        assertThatJson(tools.get(6)).node("outputSchema").isEqualTo("""
                {"type":"object","required":["id","body"],"properties":{
                  "id":{"type":"string"},"body":{"type":"string"},"tenant_id":{"type":"string"}}}
                """);
        assertThatJson(tools.get(7)).node("outputSchema.required").isEqualTo("[\"fact_count\"]");
    }

    @ParameterizedTest
    @EnumSource(McpProtocolVersion.class)
    void schemasUseOnlyTheCommonKeywords(McpProtocolVersion version) {
        for (JsonNode tool : bench.tools.list(version)) {
            assertOnlyCommonKeywords(tool.get("inputSchema"));
            if (tool.has("outputSchema")) {
                assertOnlyCommonKeywords(tool.get("outputSchema"));
            }
        }
    }

    @Test
    void eachListingIsAFreshCopy() {
        ArrayNode first = bench.tools.list(McpProtocolVersion.LATEST);
        ((ObjectNode) first.get(0).get("inputSchema")).put("type", "tampered");

        assertThatJson(bench.tools.list(McpProtocolVersion.LATEST).get(0)).node("inputSchema.type")
                .isEqualTo("object");
    }

    private static void assertOnlyCommonKeywords(JsonNode schema) {
        for (String keyword : fieldNames(schema)) {
            assertThat(SCHEMA_KEYWORDS).as("keyword of %s", schema).contains(keyword);
        }
        schema.path("properties").forEach(ToolListingTest::assertOnlyCommonKeywords);
        if (schema.has("items")) {
            assertOnlyCommonKeywords(schema.get("items"));
        }
    }

    private static List<String> propertiesOf(JsonNode tool) {
        return fieldNames(tool.get("inputSchema").get("properties"));
    }

    private static List<String> fieldNames(JsonNode node) {
        Iterable<String> names = node::fieldNames;
        return StreamSupport.stream(names.spliterator(), false).toList();
    }

    private static String yesNo(JsonNode flag) {
        return flag.booleanValue() ? "yes" : "no";
    }
}
