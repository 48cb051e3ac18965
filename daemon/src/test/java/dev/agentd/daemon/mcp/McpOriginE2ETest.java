package dev.agentd.daemon.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host and Origin checks and CORS on /mcp (mcp §6): acceptance check 10 of mcp §16. */
class McpOriginE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private McpHttp mcp;

    @BeforeEach
    void client() {
        mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken());
    }

    private static McpHttp.Reply initialize(McpHttp client) {
        return client.initializeWith("""
                {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"origin","version":"1.0"}}""");
    }

    private static void assertForbidden(McpHttp.Reply reply, String what) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(403);
        assertThat(reply.sessionId()).isNull();
        assertThatJson(reply.text()).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"forbidden: %s not allowed"}}""".formatted(what));
    }

    /** Check 10: foreign and opaque origins. */
    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "file://", "chrome-extension://abc",
            "http://localhost:5173/path", "http://localhost.evil.example"})
    void aForeignOriginIs403(String origin) {
        assertForbidden(initialize(mcp.withHeader("Origin", origin)), "Origin");
    }

    @Test
    void originIsCheckedBeforeAuth() {
        assertForbidden(initialize(McpHttp.at(agentd.httpBase()).withHeader("Origin", "http://evil.example")), "Origin");
    }

    /** Check 10: a loopback origin passes and gets CORS headers. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "http://127.0.0.1:8080", "https://[::1]", "http://LOCALHOST:3000"})
    void aLoopbackOriginPassesWithCorsHeaders(String origin) {
        McpHttp.Reply reply = initialize(mcp.withHeader("Origin", origin));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(reply.header("Vary")).containsIgnoringCase("Origin");
        assertThat(reply.header("Access-Control-Expose-Headers")).containsIgnoringCase("Mcp-Session-Id");
    }

    /** Check 10: without Origin (CLI and SDK clients). */
    @Test
    void noOriginPassesWithoutCorsHeaders() {
        McpHttp.Reply reply = initialize(mcp);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    /** Check 10: DNS rebinding, a foreign Host (sent over a raw socket: HttpClient will not). */
    @Test
    void aForeignHostIs403() {
        McpHttp.Reply reply = rawInitialize("evil.example.com");

        assertForbidden(reply, "Host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]"})
    void aLoopbackHostWithAnyPortPasses(String host) {
        assertThat(rawInitialize(host + ":1").status()).isEqualTo(200);
        assertThat(rawInitialize(host).status()).isEqualTo(200);
    }

    private McpHttp.Reply rawInitialize(String host) {
        byte[] body = McpHttp.request("initialize", """
                {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}""")
                .getBytes(StandardCharsets.UTF_8);
        String head = String.join("\r\n",
                "POST /mcp HTTP/1.1",
                "Host: " + host,
                "Authorization: Bearer " + agentd.authToken(),
                "Accept: application/json, text/event-stream",
                "Content-Type: application/json",
                "Content-Length: " + body.length,
                "Connection: close");
        return McpHttp.sendRaw(mcp.url(), head, body);
    }

    /** Check 10: the CORS preflight needs no credentials. */
    @Test
    void aPreflightFromALoopbackOriginIs204WithoutAuth() {
        McpHttp.Reply reply = McpHttp.at(agentd.httpBase()).options("http://localhost:5173");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, DELETE");
        assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("authorization, content-type, accept, "
                + "mcp-session-id, mcp-protocol-version, last-event-id, x-agentd-namespace, x-agentd-agent");
    }

    @Test
    void aPreflightFromAForeignOriginIs403() {
        assertForbidden(McpHttp.at(agentd.httpBase()).options("http://evil.example"), "Origin");
    }
}
