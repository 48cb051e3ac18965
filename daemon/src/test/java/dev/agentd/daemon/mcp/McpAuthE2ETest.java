package dev.agentd.daemon.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.memory.MemoryConnections;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bearer authentication (mcp §5) and the binding of a session to its principal and tenant
 * (mcp §7.3): acceptance checks 9 (auth on) and 11 of mcp §16.
 */
class McpAuthE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static String agentId;
    private static String agentToken;

    @BeforeAll
    static void registerAgent() {
        agentId = MemoryConnections.uniqueNamespace("mcp-auth-agent");
        MemoryConnections.registerAgent(agentd.connect(), agentId);
        agentToken = MemoryConnections.agentToken(agentd.root(), agentId);
    }

    private static McpHttp anonymous() {
        return McpHttp.at(agentd.httpBase());
    }

    private static McpHttp daemon() {
        return anonymous().withToken(agentd.authToken());
    }

    private static McpHttp agent() {
        return anonymous().withToken(agentToken).withAgent(agentId);
    }

    private static McpHttp.Reply initialize(McpHttp mcp) {
        return mcp.initializeWith("""
                {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"auth","version":"1.0"}}""");
    }

    private static void assertUnauthorized(McpHttp.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"agentd\"");
        assertThat(reply.sessionId()).isNull();
        assertThat(reply.mediaType()).isEqualTo(McpHttp.JSON);
        assertThatJson(reply.text()).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"auth required: missing or invalid bearer token"}}""");
    }

    /** Check 9: missing, malformed or wrong credentials. */
    @Test
    void requestsWithoutAValidBearerTokenAre401() {
        assertUnauthorized(initialize(anonymous()));
        assertUnauthorized(initialize(anonymous().withToken("not-the-token")));
        assertUnauthorized(initialize(anonymous().withHeader("Authorization", "Basic " + agentd.authToken())));
        assertUnauthorized(initialize(anonymous().withHeader("Authorization", agentd.authToken())));
    }

    /** Check 9: the host token is not accepted on /mcp. */
    @Test
    void theHostTokenIs401() {
        assertUnauthorized(initialize(anonymous().withToken(agentd.hostToken())));
    }

    /** Check 9: the daemon token and an agent token with its agent header. */
    @Test
    void theDaemonTokenAndAnAgentTokenWithItsAgentAre200() {
        McpHttp.Reply asDaemon = initialize(daemon());
        McpHttp.Reply asAgent = initialize(agent());

        assertThat(asDaemon.status()).isEqualTo(200);
        assertThat(asDaemon.sessionId()).isNotNull();
        assertThat(asAgent.status()).isEqualTo(200);
        assertThat(asAgent.sessionId()).isNotNull();
    }

    /** Check 9: an agent token without X-Agentd-Agent, or with an unknown agent. */
    @Test
    void anAgentTokenWithoutItsAgentOrForAnUnknownAgentIs401() {
        assertUnauthorized(initialize(anonymous().withToken(agentToken)));
        assertUnauthorized(initialize(anonymous().withToken(agentToken).withAgent("no-such-agent")));
        assertUnauthorized(initialize(anonymous().withToken(agentd.authToken()).withAgent(agentId)));
    }

    @Test
    void authIsCheckedOnEveryRequestOfASession() {
        String session = daemon().initialize(McpHttp.LATEST).id();

        assertUnauthorized(anonymous().call(session, "ping", null));
        try (McpHttp.Stream stream = anonymous().get(session, null)) {
            assertUnauthorized(stream.read());
        }
        assertUnauthorized(anonymous().delete(session));
        assertThat(daemon().call(session, "ping", null).status()).isEqualTo(200);
    }

    /** An MCP session is not an agent attachment (mcp §5). */
    @Test
    void anAgentSessionDoesNotAttachTheAgent() {
        String session = agent().initialize(McpHttp.LATEST).id();
        assertThat(agent().call(session, "ping", null).status()).isEqualTo(200);

        assertThat(agentRow().path("attached").asBoolean()).as("attached while only an MCP session exists").isFalse();
        MemoryConnections.agent(agentd, agentId);
        assertThat(agent().call(session, "ping", null).status()).as("no conflict with the WebSocket binding")
                .isEqualTo(200);
    }

    private static JsonNode agentRow() {
        for (JsonNode row : agentd.connect().call("agents.list", null, McpFixtures.TIMEOUT)) {
            if (row.at("/spec/id").asText().equals(agentId)) {
                return row;
            }
        }
        throw new AssertionError("no agents.list row for " + agentId);
    }

    /** Check 11: another principal gets the unknown-session answer, and the session is untouched. */
    @Test
    void aSessionUsedWithAnotherPrincipalIs404AndSurvives() {
        String session = daemon().initialize(McpHttp.LATEST).id();
        McpHttp.Reply unknown = daemon().call(UUID.randomUUID().toString(), "ping", null);

        McpHttp.Reply asAgent = agent().call(session, "ping", null);
        McpHttp.Reply again = daemon().call(session, "ping", null);

        assertThat(asAgent.status()).isEqualTo(404);
        assertThat(asAgent.body()).isEqualTo(unknown.body());
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void anAgentSessionUsedWithTheDaemonTokenIs404AndSurvives() {
        String session = agent().initialize(McpHttp.LATEST).id();

        McpHttp.Reply asDaemon = daemon().call(session, "ping", null);
        McpHttp.Reply again = agent().call(session, "ping", null);

        assertThat(asDaemon.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(200);
    }

    /** Check 11: another tenant gets the unknown-session answer on every method, the session survives. */
    @Test
    void aSessionUsedWithAnotherNamespaceIs404AndSurvives() {
        McpHttp inA = daemon().withNamespace("a");
        String session = inA.initialize(McpHttp.LATEST).id();
        McpHttp.Reply unknown = daemon().call(UUID.randomUUID().toString(), "ping", null);

        McpHttp.Reply inB = daemon().withNamespace("b").call(session, "ping", null);
        McpHttp.Reply withoutNamespace = daemon().call(session, "tools/list", null);
        McpHttp.Reply getInB;
        try (McpHttp.Stream stream = daemon().withNamespace("b").get(session, null)) {
            getInB = stream.read();
        }
        McpHttp.Reply deleteWithoutNamespace = daemon().delete(session);
        McpHttp.Reply again = inA.call(session, "ping", null);

        for (McpHttp.Reply mismatch : new McpHttp.Reply[] {inB, withoutNamespace, getInB, deleteWithoutNamespace}) {
            assertThat(mismatch.status()).as("%s", mismatch).isEqualTo(404);
            assertThat(mismatch.body()).isEqualTo(unknown.body());
        }
        assertThat(again.status()).as("the session was neither touched nor removed").isEqualTo(200);
    }
}
