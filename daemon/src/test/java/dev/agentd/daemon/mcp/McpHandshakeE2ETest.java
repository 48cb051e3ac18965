package dev.agentd.daemon.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session creation and version negotiation over raw HTTP (mcp §1, §7.2, §9.1): acceptance checks
 * 1, 2, 3 and 6 of mcp §16.
 */
class McpHandshakeE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private McpHttp mcp;

    @BeforeEach
    void client() {
        mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken());
    }

    /** Check 1. */
    @Test
    void initializeCreatesASessionWithALowercaseUuidAndTheLatestVersion() {
        McpHttp.Reply reply = mcp.initializeWith("""
                {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"demo","version":"1.0"}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo(McpHttp.JSON);
        assertThat(reply.sessionId()).hasSize(36).matches(UUID_V4);
        assertThatJson(reply.text()).isObject().containsEntry("jsonrpc", "2.0").containsKey("id");
        JsonNode result = reply.json().get("result");
        assertThatJson(result).inPath("protocolVersion").isEqualTo("2025-11-25");
        assertThatJson(result).inPath("capabilities").isEqualTo("""
                {"tools":{"listChanged":false},"logging":{}}""");
        assertThatJson(result).inPath("serverInfo.name").isEqualTo("agentd");
    }

    @Test
    void everyInitializeCreatesADistinctSession() {
        String first = mcp.initialize(McpHttp.LATEST).id();
        String second = mcp.initialize(McpHttp.LATEST).id();

        assertThat(first).isNotEqualTo(second);
    }

    /** Check 2: a supported proposal is echoed. */
    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26"})
    void aSupportedVersionIsEchoed(String version) {
        McpHttp.Session session = mcp.initialize(version);

        assertThat(session.protocolVersion()).isEqualTo(version);
    }

    /** Check 2: any other string gets the latest version. */
    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "1999-01-01"})
    void anUnsupportedVersionStringGetsTheLatest(String version) {
        McpHttp.Session session = mcp.initialize(version);

        assertThat(session.protocolVersion()).isEqualTo("2025-11-25");
    }

    /** Check 2: a non-string version is invalid params, and no session is created. */
    @Test
    void aNonStringVersionIsInvalidParamsWithoutASession() {
        McpHttp.Reply reply = mcp.initializeWith("""
                {"protocolVersion":7,"capabilities":{},"clientInfo":{"name":"demo","version":"1.0"}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.sessionId()).isNull();
        assertThatJson(reply.text()).inPath("error.code").isEqualTo(-32602);
        assertThatJson(reply.text()).isObject().doesNotContainKey("result");
    }

    @Test
    void aMissingVersionIsInvalidParamsWithoutASession() {
        McpHttp.Reply reply = mcp.initializeWith("""
                {"capabilities":{},"clientInfo":{"name":"demo","version":"1.0"}}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.sessionId()).isNull();
        assertThatJson(reply.text()).inPath("error.code").isEqualTo(-32602);
    }

    /** Check 3: a stale or unknown id on initialize is ignored and a fresh session made. */
    @Test
    void initializeWithAStaleOrUnknownSessionIdCreatesANewOne() {
        String existing = mcp.initialize(McpHttp.LATEST).id();
        String deleted = mcp.initialize(McpHttp.LATEST).id();
        assertThat(mcp.delete(deleted).status()).isEqualTo(204);
        String unknown = UUID.randomUUID().toString();

        for (String stale : new String[] {existing, deleted, unknown}) {
            McpHttp.Reply reply = mcp.initializeWith("""
                    {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"demo","version":"1.0"}}""",
                    McpHttp.SESSION_HEADER, stale);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.sessionId()).matches(UUID_V4).isNotEqualTo(stale);
        }
        assertThat(mcp.call(existing, "ping", null).status())
                .as("the session the header named is left untouched").isEqualTo(200);
    }

    /** Check 6: an unsupported version header is refused with the supported list. */
    @Test
    void anUnsupportedVersionHeaderIs400WithTheSupportedVersions() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.call(session, "tools/list", null, "MCP-Protocol-Version", "1999-01-01");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo(McpHttp.JSON);
        assertThatJson(reply.text()).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Unsupported protocol version: 1999-01-01",
                 "data":{"supported":["2025-11-25","2025-06-18","2025-03-26"]}}}""");
    }

    /** Check 6: another supported version than the negotiated one, or none, is accepted. */
    @Test
    void anotherSupportedVersionHeaderOrNoneIsAccepted() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply older = mcp.call(session, "tools/list", null, "MCP-Protocol-Version", "2025-06-18");
        McpHttp.Reply same = mcp.call(session, "tools/list", null, "MCP-Protocol-Version", "2025-11-25");
        McpHttp.Reply none = mcp.call(session, "tools/list", null);

        assertThat(older.status()).isEqualTo(200);
        assertThat(same.status()).isEqualTo(200);
        assertThat(none.status()).isEqualTo(200);
        assertThatJson(none.text()).inPath("result.tools").isArray().hasSize(8);
    }

    @Test
    void theVersionHeaderIsCheckedOnGetAndDeleteToo() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        try (McpHttp.Stream get = mcp.get(session, null, "MCP-Protocol-Version", "1999-01-01")) {
            assertThat(get.status()).isEqualTo(400);
        }
        assertThat(mcp.delete(session, "MCP-Protocol-Version", "1999-01-01").status()).isEqualTo(400);
        assertThat(mcp.delete(session, "MCP-Protocol-Version", "2025-06-18").status()).isEqualTo(204);
    }

    @Test
    void pingAnswersAnEmptyObjectWithTheSessionId() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.call(session, "ping", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.sessionId()).isEqualTo(session);
        assertThatJson(reply.text()).inPath("result").isEqualTo("{}");
    }
}
