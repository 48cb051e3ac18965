package dev.agentd.daemon.mcp;

import static dev.agentd.daemon.mcp.McpFixtures.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static dev.agentd.daemon.memory.MemoryConnections.uniqueNamespace;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.memory.MemoryConnections;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The eight memory tools over raw HTTP (mcp §9.2, §9.4, §11, §12): progress on an SSE answer,
 * protocol errors versus tool failures, the listing per version, round-trips against the WebSocket
 * twins, and batches. Acceptance checks 27–30 and 32 of mcp §16.
 */
class McpToolsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final List<String> TOOL_ORDER = List.of("memory_add_fact", "memory_query",
            "memory_build_context", "memory_save_knowledge", "memory_save_procedural", "memory_delete",
            "memory_update_status", "memory_fact_count");

    /** A client in a namespace of its own. */
    private static McpHttp isolated(String prefix) {
        return McpHttp.at(agentd.httpBase()).withToken(agentd.authToken()).withNamespace(uniqueNamespace(prefix));
    }

    private static JsonNode success(McpHttp mcp, String session, String tool, String arguments) {
        JsonNode result = mcp.toolResult(session, tool, arguments);
        assertThat(result.path("isError").asBoolean()).as("%s → %s", tool, result).isFalse();
        assertThatJson(result).inPath("content[0].type").isEqualTo("text");
        return result;
    }

    private static void assertToolFailure(JsonNode result, String messagePrefix) {
        assertThatJson(result).inPath("isError").isEqualTo(true);
        assertThatJson(result).isObject().doesNotContainKey("structuredContent");
        assertThatJson(result).inPath("content[0].type").isEqualTo("text");
        assertThat(result.at("/content/0/text").asText()).startsWith(messagePrefix);
    }

    // ---- check 27 ---------------------------------------------------------------------------------

    /** Check 27. */
    @Test
    void aProgressTokenTurnsTheAnswerIntoAnSseStreamOfProgressThenTheResult() {
        McpHttp mcp = isolated("progress");
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.post(session, """
                {"jsonrpc":"2.0","id":"call-27","method":"tools/call","params":{"name":"memory_add_fact",
                 "arguments":{"subject":"deploy","body":"prod-eu-1"},"_meta":{"progressToken":"p1"}}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo(McpHttp.EVENT_STREAM);
        assertThat(reply.sessionId()).isEqualTo(session);
        assertThat(reply.text()).doesNotContain("\nid:").doesNotStartWith("id:").doesNotContain("retry:");
        List<SseReader.Event> events = reply.events();
        assertThat(events).hasSize(3).allSatisfy(event -> assertThat(event.id()).isNull());
        assertThatJson(events.get(0).data()).isEqualTo("""
                {"jsonrpc":"2.0","method":"notifications/progress",
                 "params":{"progressToken":"p1","progress":1,"total":2,"message":"applied"}}""");
        assertThatJson(events.get(1).data()).isEqualTo("""
                {"jsonrpc":"2.0","method":"notifications/progress",
                 "params":{"progressToken":"p1","progress":2,"total":2,"message":"durable"}}""");
        assertThatJson(events.get(2).data()).isObject().containsEntry("id", "call-27");
        assertThatJson(events.get(2).data()).inPath("result.isError").isEqualTo(false);
        assertThatJson(events.get(2).data()).inPath("result.structuredContent.fact_count").isEqualTo(1);

        assertGetReplayHoldsOnlyTheChangeNotification(mcp, session);
    }

    /** Check 27: a later GET replays the write's logging notification, but no progress and no response. */
    private static void assertGetReplayHoldsOnlyTheChangeNotification(McpHttp mcp, String session) {
        try (McpHttp.Stream get = mcp.get(session, null)) {
            List<SseReader.Event> seen = new ArrayList<>();
            while (seen.stream().noneMatch(SseReader.Event::isPrimer)
                    || seen.stream().noneMatch(event -> event.data().contains("add_fact"))) {
                seen.add(get.events().nextEvent(TIMEOUT));
            }
            get.events().poll(Duration.ofMillis(500)).ifPresent(item -> {
                if (item instanceof SseReader.Event event) {
                    seen.add(event);
                }
            });

            assertThat(seen).filteredOn(event -> !event.isPrimer()).hasSize(1).allSatisfy(event -> {
                assertThatJson(event.data()).inPath("method").isEqualTo("notifications/message");
                assertThatJson(event.data()).inPath("params.data.op").isEqualTo("add_fact");
            });
        }
    }

    @Test
    void anIntegerProgressTokenWorksAndOtherTypesAreIgnored() {
        McpHttp mcp = isolated("progress-types");
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply integer = mcp.post(session, """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"memory_fact_count","arguments":{},
                 "_meta":{"progressToken":7}}}""");
        McpHttp.Reply object = mcp.post(session, """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"memory_fact_count","arguments":{},
                 "_meta":{"progressToken":{"not":"valid"}}}}""");

        assertThat(integer.mediaType()).isEqualTo(McpHttp.EVENT_STREAM);
        assertThatJson(integer.events().get(0).data()).isEqualTo("""
                {"jsonrpc":"2.0","method":"notifications/progress",
                 "params":{"progressToken":7,"progress":1,"total":1,"message":"counted"}}""");
        assertThatJson(integer.json()).inPath("result.structuredContent.fact_count").isEqualTo(0);
        assertThat(object.mediaType()).isEqualTo(McpHttp.JSON);
        assertThatJson(object.text()).inPath("result.structuredContent.fact_count").isEqualTo(0);
    }

    @Test
    void noProgressIsSentWhenArgumentValidationFails() {
        McpHttp mcp = isolated("progress-invalid");
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.post(session, """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"memory_query","arguments":{},
                 "_meta":{"progressToken":"p-invalid"}}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo(McpHttp.EVENT_STREAM);
        assertThat(reply.events()).hasSize(1);
        assertToolFailure(reply.json().get("result"), "invalid arguments: query: required");
    }

    // ---- check 28 ---------------------------------------------------------------------------------

    /** Check 28: an unknown tool is a protocol error. */
    @Test
    void anUnknownToolIsInvalidParams() {
        McpHttp mcp = isolated("unknown");
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.post(session, """
                {"jsonrpc":"2.0","id":28,"method":"tools/call","params":{"name":"memory_nope","arguments":{}}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThatJson(reply.text()).isEqualTo("""
                {"jsonrpc":"2.0","id":28,"error":{"code":-32602,"message":"Unknown tool: memory_nope"}}""");
    }

    @Test
    void aMissingToolNameIsInvalidParams() {
        McpHttp mcp = isolated("noname");
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.call(session, "tools/call", "{\"arguments\":{}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThatJson(reply.text()).inPath("error.code").isEqualTo(-32602);
    }

    /** Check 28: schema violations are tool failures. */
    @Test
    void schemaViolationsAreToolResultsWithIsError() {
        McpHttp mcp = isolated("invalid");
        String session = mcp.initialize(McpHttp.LATEST).id();

        assertToolFailure(mcp.toolResult(session, "memory_query", "{}"), "invalid arguments: query: required");
        assertToolFailure(mcp.toolResult(session, "memory_query", "{\"query\":\"x\",\"k\":99}"), "invalid arguments: ");
        assertToolFailure(mcp.toolResult(session, "memory_query", "{\"query\":\"x\",\"extra\":1}"),
                "invalid arguments: ");
        assertToolFailure(mcp.toolResult(session, "memory_add_fact", "{\"subject\":\"\",\"body\":\"b\"}"),
                "invalid arguments: ");
    }

    @Test
    void memoryServiceErrorsAreToolResultsWithIsError() {
        McpHttp mcp = isolated("memory-error");
        String session = mcp.initialize(McpHttp.LATEST).id();

        JsonNode result = mcp.toolResult(session, "memory_add_fact", """
                {"subject":"s","body":"b","supersedes":"no-such-fact"}""");

        assertToolFailure(result, "");
        assertThat(result.at("/content/0/text").asText()).matches("(memory error|invalid arguments): .*");
    }

    @Test
    void aCursorOnToolsListIsInvalidParams() {
        McpHttp mcp = isolated("cursor");
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.call(session, "tools/list", "{\"cursor\":\"abc\"}");

        assertThatJson(reply.text()).inPath("error.code").isEqualTo(-32602);
        assertThatJson(reply.text()).inPath("error.message").isEqualTo("invalid cursor");
    }

    // ---- check 29 ---------------------------------------------------------------------------------

    /** Check 29 on 2025-11-25. */
    @Test
    void toolsListHasTheEightToolsInOrderWithSchemasAndAnnotations() {
        McpHttp mcp = isolated("list");
        String session = mcp.initialize(McpHttp.LATEST).id();

        JsonNode result = mcp.call(session, "tools/list", null).result();

        assertThat(result.has("nextCursor")).isFalse();
        JsonNode tools = result.get("tools");
        assertThat(tools.findValuesAsText("name")).containsExactlyElementsOf(TOOL_ORDER);
        for (JsonNode tool : tools) {
            assertThatJson(tool).inPath("inputSchema.type").as(tool.path("name").asText()).isEqualTo("object");
            assertThatJson(tool).inPath("inputSchema.additionalProperties").isEqualTo(false);
            assertThatJson(tool).inPath("inputSchema").isObject().doesNotContainKey("$schema").doesNotContainKey("$ref");
            assertThatJson(tool).inPath("outputSchema.type").isEqualTo("object");
            assertThatJson(tool).inPath("annotations.openWorldHint").isEqualTo(false);
            assertThatJson(tool).inPath("annotations").isObject()
                    .containsKeys("title", "readOnlyHint", "destructiveHint", "idempotentHint");
            assertThatJson(tool).inPath("description").isString();
        }
    }

    /** mcp §12.2: one tool exactly as the specification lists it. */
    @Test
    void memoryQueryIsListedExactlyAsSpecified() {
        McpHttp mcp = isolated("list-query");
        String session = mcp.initialize(McpHttp.LATEST).id();

        JsonNode tools = mcp.call(session, "tools/list", null).result().get("tools");

        assertThatJson(tools.get(1)).isEqualTo("""
                {"name":"memory_query","description":"Retrieve the k most relevant facts for a query from this session's memory graph.",
                 "inputSchema":{"type":"object","additionalProperties":false,"required":["query"],"properties":{
                   "query":{"type":"string","minLength":1,"description":"Natural-language query"},
                   "k":{"type":"integer","minimum":1,"maximum":50,"default":5}}},
                 "outputSchema":{"type":"object","required":["results"],"properties":{"results":{"type":"array","items":{
                   "type":"object","required":["id","subject","body","kind","confidence"],"properties":{
                   "id":{"type":"string"},"subject":{"type":"string"},"body":{"type":"string"},"kind":{"type":"string"},
                   "confidence":{"type":"number"}}}}}},
                 "annotations":{"title":"Query memory","readOnlyHint":true,"destructiveHint":false,"idempotentHint":true,"openWorldHint":false}}""");
    }

    /** Check 29 on 2025-03-26: no output schema, no structured content. */
    @Test
    void aMarch2025SessionGetsNoOutputSchemaAndNoStructuredContent() {
        McpHttp mcp = isolated("list-old");
        String session = mcp.initialize("2025-03-26").id();

        JsonNode tools = mcp.call(session, "tools/list", null).result().get("tools");
        JsonNode added = success(mcp, session, "memory_add_fact", fact("old", "client").toString());

        assertThat(tools.findValuesAsText("name")).containsExactlyElementsOf(TOOL_ORDER);
        assertThat(tools).allSatisfy(tool -> assertThat(tool.has("outputSchema")).as("%s", tool).isFalse());
        assertThat(added.has("structuredContent")).as("%s", added).isFalse();
        assertThatJson(added.at("/content/0/text").asText()).inPath("fact_count").isEqualTo(1);
    }

    @Test
    void aJune2025SessionGetsOutputSchemas() {
        McpHttp mcp = isolated("list-june");
        String session = mcp.initialize("2025-06-18").id();

        JsonNode tools = mcp.call(session, "tools/list", null).result().get("tools");

        assertThat(tools).allSatisfy(tool -> assertThat(tool.has("outputSchema")).as("%s", tool).isTrue());
    }

    // ---- check 30 ---------------------------------------------------------------------------------

    /** Check 30. */
    @Test
    void everyToolRoundTripsAgainstTheMemoryService() {
        String namespace = uniqueNamespace("roundtrip");
        McpHttp mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken()).withNamespace(namespace);
        RpcClient twin = MemoryConnections.namespace(agentd, namespace);
        String session = mcp.initialize(McpHttp.LATEST).id();

        JsonNode added = success(mcp, session, "memory_add_fact", fact("deploy target", "prod-eu-1").toString());
        String id = added.at("/structuredContent/id").asText();
        assertThat(id).startsWith("mcp-");
        assertThatJson(added).inPath("structuredContent.fact_count").isEqualTo(1);
        assertThatJson(added.at("/content/0/text").asText()).isEqualTo(added.get("structuredContent"));

        JsonNode found = success(mcp, session, "memory_query", "{\"query\":\"which deploy target\"}");
        assertThat(found.at("/structuredContent/results").findValuesAsText("id")).containsExactly(id);
        assertThatJson(found).inPath("structuredContent.results[0]").isObject()
                .containsKeys("id", "subject", "body", "kind", "confidence").containsEntry("body", "prod-eu-1");

        JsonNode context = success(mcp, session, "memory_build_context", "{\"query\":\"deploy target\"}");
        assertThat(context.at("/content/0/text").asText()).contains("prod-eu-1")
                .isEqualTo(context.at("/structuredContent/context").asText());

        JsonNode knowledge = success(mcp, session, "memory_save_knowledge", fact("runbook", "restart the pod").toString());
        assertThatJson(knowledge).inPath("structuredContent.kind").isEqualTo("knowledge");
        assertThatJson(knowledge).inPath("structuredContent.fact_count").isEqualTo(2);
        JsonNode procedural = success(mcp, session, "memory_save_procedural", fact("flaky test", "retry once").toString());
        assertThatJson(procedural).inPath("structuredContent.kind").isEqualTo("procedural");
        assertThatJson(procedural).inPath("structuredContent.fact_count").isEqualTo(3);

        JsonNode status = success(mcp, session, "memory_update_status", "{\"body\":\"step 3/5\",\"tenant_id\":\"acme\"}");
        assertThatJson(status).inPath("structuredContent").isEqualTo("""
                {"id":"proactive-status:acme","body":"step 3/5","tenant_id":"acme"}""");

        JsonNode deleted = success(mcp, session, "memory_delete", "{\"id\":\"" + id + "\"}");
        assertThatJson(deleted).inPath("structuredContent").isEqualTo("""
                {"id":"%s","deleted":true,"kind":"pattern","fact_count":2}""".formatted(id));
        JsonNode afterDelete = success(mcp, session, "memory_query", "{\"query\":\"which deploy target\"}");
        assertThat(afterDelete.at("/structuredContent/results").findValuesAsText("id")).doesNotContain(id);
        JsonNode again = success(mcp, session, "memory_delete", "{\"id\":\"" + id + "\"}");
        assertThatJson(again).inPath("structuredContent.deleted").isEqualTo(false);
        assertThatJson(again).inPath("structuredContent.kind").isEqualTo(null);

        JsonNode count = success(mcp, session, "memory_fact_count", null);
        int twinCount = twin.call("memory.fact_count", null, TIMEOUT).intValue();
        assertThatJson(count).inPath("structuredContent.fact_count").isEqualTo(twinCount);
        assertThat(twinCount).isEqualTo(2);
    }

    @Test
    void aFactAddedOverWebSocketIsFoundByTheTool() {
        String namespace = uniqueNamespace("twin");
        McpHttp mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken()).withNamespace(namespace);
        String session = mcp.initialize(McpHttp.LATEST).id();

        MemoryConnections.namespace(agentd, namespace).call("memory.add_fact", fact("ci runner", "ubuntu-24"), TIMEOUT);
        JsonNode found = success(mcp, session, "memory_query", "{\"query\":\"ci runner\",\"k\":1}");

        assertThat(found.at("/structuredContent/results").findValuesAsText("body")).containsExactly("ubuntu-24");
    }

    // ---- check 32 ---------------------------------------------------------------------------------

    /** Check 32: a batch on a 2025-03-26 session. */
    @Test
    void aMarch2025SessionAcceptsABatchAndAnswersInOrder() {
        McpHttp mcp = isolated("batch");
        String session = mcp.initialize("2025-03-26").id();

        McpHttp.Reply reply = mcp.post(session, """
                [{"jsonrpc":"2.0","id":"b-1","method":"ping"},
                 {"jsonrpc":"2.0","id":"b-2","method":"tools/list"}]""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo(McpHttp.JSON);
        JsonNode responses = reply.json();
        assertThat(responses.isArray()).as("%s", reply).isTrue();
        assertThat(responses).hasSize(2);
        assertThatJson(responses.get(0)).isEqualTo("""
                {"jsonrpc":"2.0","id":"b-1","result":{}}""");
        assertThatJson(responses.get(1)).inPath("id").isEqualTo("b-2");
        assertThatJson(responses.get(1)).inPath("result.tools").isArray().hasSize(8);
    }

    @Test
    void aBatchOfNotificationsOnlyIs202() {
        McpHttp mcp = isolated("batch-notify");
        String session = mcp.initialize("2025-03-26").id();

        McpHttp.Reply reply = mcp.post(session, """
                [{"jsonrpc":"2.0","method":"notifications/initialized"}]""");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).isEmpty();
    }

    /** Check 32: batches are refused from newer sessions, with initialize, empty, or without a session. */
    @Test
    void batchesAreRefusedWhereTheyAreNotAllowed() {
        McpHttp mcp = isolated("batch-refused");
        String latest = mcp.initialize(McpHttp.LATEST).id();
        String june = mcp.initialize("2025-06-18").id();
        String march = mcp.initialize("2025-03-26").id();
        String pingAndList = """
                [{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]""";
        String withInitialize = """
                [{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26",
                  "capabilities":{},"clientInfo":{"name":"b","version":"1"}}},{"jsonrpc":"2.0","id":2,"method":"ping"}]""";

        assertInvalidRequest(mcp.post(latest, pingAndList));
        assertInvalidRequest(mcp.post(june, pingAndList));
        assertInvalidRequest(mcp.post(march, withInitialize));
        assertInvalidRequest(mcp.post(null, withInitialize));
        assertInvalidRequest(mcp.post(march, "[]"));
        McpHttp.Reply withoutSession = mcp.post(null, pingAndList);
        // §9.4 says -32600 for an array without a session, the §3 table -32000 for a missing header: either is a 400
        assertThat(withoutSession.status()).as("%s", withoutSession).isEqualTo(400);
        assertThat(withoutSession.sessionId()).isNull();
    }

    private static void assertInvalidRequest(McpHttp.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThatJson(reply.text()).inPath("error.code").isEqualTo(-32600);
        assertThatJson(reply.text()).inPath("id").isEqualTo(null);
    }
}
