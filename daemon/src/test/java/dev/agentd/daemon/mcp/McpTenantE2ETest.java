package dev.agentd.daemon.mcp;

import static dev.agentd.daemon.mcp.McpFixtures.TIMEOUT;
import static dev.agentd.daemon.mcp.McpFixtures.nextMessage;
import static dev.agentd.daemon.memory.MemoryConnections.bodiesFound;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static dev.agentd.daemon.memory.MemoryConnections.uniqueNamespace;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.memory.MemoryConnections;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which graph a session's tools act on and whose changes it is told about (mcp §7.1, §13, memory
 * §1.1), cross-checked with WebSocket clients bound the same way: acceptance checks 12, 31 and 38
 * of mcp §16.
 */
class McpTenantE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration QUIET = Duration.ofMillis(500);

    private McpHttp daemon;

    @BeforeEach
    void client() {
        daemon = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken());
    }

    private static void addFact(McpHttp mcp, String session, String subject, String body) {
        JsonNode result = mcp.toolResult(session, "memory_add_fact", fact(subject, body).toString());
        assertThat(result.path("isError").asBoolean()).as("%s", result).isFalse();
    }

    /** Check 12: a namespace session writes to the namespace graph only. */
    @Test
    void aNamespaceSessionWritesToTheNamespaceGraph() {
        McpHttp team1 = daemon.withNamespace("team1");
        String session = team1.initialize(McpHttp.LATEST).id();
        String marker = uniqueNamespace("kiwi");

        addFact(team1, session, marker, "written by mcp in team1");

        assertThat(bodiesFound(MemoryConnections.namespace(agentd, "team1"), marker))
                .containsExactly("written by mcp in team1");
        assertThat(bodiesFound(agentd.connect(), marker)).as("the shared graph").isEmpty();
    }

    /** Check 12: an agent-token session without a namespace writes to that agent's graph. */
    @Test
    void anAgentSessionWritesToTheAgentGraphAndANamespaceOverridesIt() {
        String agentId = uniqueNamespace("mcp-tenant-agent");
        MemoryConnections.registerAgent(agentd.connect(), agentId);
        String token = MemoryConnections.agentToken(agentd.root(), agentId);
        McpHttp asAgent = McpHttp.at(agentd.httpBase()).withToken(token).withAgent(agentId);
        McpHttp asAgentInTeam1 = asAgent.withNamespace("team1");
        String onAgentGraph = asAgent.initialize(McpHttp.LATEST).id();
        String onTeam1 = asAgentInTeam1.initialize(McpHttp.LATEST).id();
        String marker = uniqueNamespace("mango");

        addFact(asAgent, onAgentGraph, marker, "written by the agent's mcp session");
        addFact(asAgentInTeam1, onTeam1, marker, "written by the agent in team1");

        RpcClient boundToAgent = MemoryConnections.agent(agentd, agentId);
        assertThat(bodiesFound(boundToAgent, marker)).containsExactly("written by the agent's mcp session");
        assertThat(bodiesFound(agentd.connect(), marker)).as("the shared graph").isEmpty();
        assertThat(bodiesFound(MemoryConnections.namespace(agentd, "team1"), marker))
                .containsExactly("written by the agent in team1");
    }

    /** Check 12, the other direction: a WebSocket write is visible to the session's tools at once. */
    @Test
    void aWebSocketWriteIsVisibleToTheSessionsTools() {
        McpHttp team1 = daemon.withNamespace("team1");
        String session = team1.initialize(McpHttp.LATEST).id();
        String marker = uniqueNamespace("papaya");

        MemoryConnections.namespace(agentd, "team1").call("memory.add_fact", fact(marker, "from ws"), TIMEOUT);
        JsonNode found = team1.toolResult(session, "memory_query", "{\"query\":\"" + marker + "\"}");

        assertThat(found.at("/structuredContent/results").findValuesAsText("body")).containsExactly("from ws");
    }

    /** Check 31: one notification per matching session, none on another tenant. */
    @Test
    void aSharedGraphWriteNotifiesEverySharedSessionOnceAndNoOther() {
        String first = daemon.initialize(McpHttp.LATEST).id();
        String second = daemon.initialize(McpHttp.LATEST).id();
        McpHttp team1 = daemon.withNamespace("team1");
        String inTeam1 = team1.initialize(McpHttp.LATEST).id();
        try (McpHttp.Stream firstGet = daemon.get(first, null);
                McpHttp.Stream secondGet = daemon.get(second, null);
                McpHttp.Stream team1Get = team1.get(inTeam1, null)) {
            assertThat(firstGet.events().nextEvent(TIMEOUT).isPrimer()).isTrue();
            assertThat(secondGet.events().nextEvent(TIMEOUT).isPrimer()).isTrue();
            assertThat(team1Get.events().nextEvent(TIMEOUT).isPrimer()).isTrue();
            String subject = uniqueNamespace("shared-write");
            String sentinel = uniqueNamespace("shared-sentinel");
            String team1Sentinel = uniqueNamespace("team1-sentinel");

            RpcClient shared = agentd.connect();
            shared.call("memory.add_fact", fact(subject, "b"), TIMEOUT);
            MemoryConnections.namespace(agentd, "team1").call("memory.add_fact", fact(team1Sentinel, "b"), TIMEOUT);
            shared.call("memory.add_fact", fact(sentinel, "b"), TIMEOUT);

            for (McpHttp.Stream stream : new McpHttp.Stream[] {firstGet, secondGet}) {
                JsonNode notification = nextMessage(stream.events()).json();
                assertThatJson(notification).isObject().containsEntry("jsonrpc", "2.0")
                        .containsEntry("method", "notifications/message").doesNotContainKey("id");
                assertThatJson(notification).inPath("params.level").isEqualTo("info");
                assertThatJson(notification).inPath("params.logger").isEqualTo("agentd.memory");
                assertThatJson(notification).inPath("params.data.op").isEqualTo("add_fact");
                assertThatJson(notification).inPath("params.data.graph").isEqualTo("shared");
                assertThatJson(notification).inPath("params.data.subject").isEqualTo(subject);
                assertThatJson(notification).inPath("params.data.id").isString();
                assertThatJson(notification).inPath("params.data.fact_count").isIntegralNumber();
                assertThatJson(notification).inPath("params.data").isObject().doesNotContainKey("body");
                assertThatJson(nextMessage(stream.events()).json()).as("the next one is the sentinel, not a repeat")
                        .inPath("params.data.subject").isEqualTo(sentinel);
                assertThat(stream.events().poll(QUIET)).isEmpty();
            }
            JsonNode team1Notification = nextMessage(team1Get.events()).json();
            assertThatJson(team1Notification).inPath("params.data.subject").isEqualTo(team1Sentinel);
            assertThatJson(team1Notification).inPath("params.data.graph").isEqualTo("ns:team1");
            assertThat(team1Get.events().poll(QUIET)).isEmpty();
        }
    }

    /** Check 38: status slots are not graph writes, from either front end. */
    @Test
    void updateStatusPublishesNothingAndTakesNoEventId() {
        String namespace = uniqueNamespace("status");
        McpHttp mcp = daemon.withNamespace(namespace);
        String session = mcp.initialize(McpHttp.LATEST).id();
        try (McpHttp.Stream get = mcp.get(session, null)) {
            SseReader.Event primer = get.events().nextEvent(TIMEOUT);
            assertThat(primer.isPrimer()).isTrue();

            JsonNode viaMcp = mcp.toolResult(session, "memory_update_status", "{\"body\":\"step 1\"}");
            JsonNode viaWebSocket = MemoryConnections.namespace(agentd, namespace)
                    .call("memory.update_status", Map.of("body", "step 2"), TIMEOUT);
            assertThat(viaMcp.path("isError").asBoolean()).as("%s", viaMcp).isFalse();
            assertThatJson(viaWebSocket).isObject().containsEntry("body", "step 2");
            addFact(mcp, session, uniqueNamespace("after-status"), "a graph write");

            SseReader.Event next = get.events().nextEvent(TIMEOUT);
            assertThat(next.idNumber()).isEqualTo(primer.idNumber() + 1);
            assertThatJson(next.json()).inPath("params.data.op").isEqualTo("add_fact");
            assertThat(get.events().poll(QUIET)).isEmpty();
        }
    }
}
