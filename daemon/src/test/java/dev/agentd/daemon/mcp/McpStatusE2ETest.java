package dev.agentd.daemon.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status table of mcp §3 for malformed, session-less and unacceptable requests: acceptance
 * checks 4, 5, 7 and 8 of mcp §16.
 */
class McpStatusE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final String SESSION_NOT_FOUND = """
            {"jsonrpc":"2.0","error":{"code":-32000,"message":"Session not found"},"id":null}""";

    private McpHttp mcp;

    @BeforeEach
    void client() {
        mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken());
    }

    private static void assertJsonRpcError(McpHttp.Reply reply, int status, int code) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo(McpHttp.JSON);
        assertThatJson(reply.text()).isObject().containsEntry("jsonrpc", "2.0").containsEntry("id", null)
                .doesNotContainKey("result");
        assertThatJson(reply.text()).inPath("error.code").isEqualTo(code);
    }

    /** Check 4: tools/list without a session id. */
    @Test
    void aRequestWithoutASessionIdIs400() {
        McpHttp.Reply reply = mcp.call(null, "tools/list", null);

        assertJsonRpcError(reply, 400, -32000);
        assertThatJson(reply.text()).inPath("error.message").isEqualTo("Mcp-Session-Id header required");
    }

    /** Check 4: GET and DELETE without a session id. */
    @Test
    void getAndDeleteWithoutASessionIdAre400() {
        McpHttp.Reply get;
        try (McpHttp.Stream stream = mcp.get(null, null)) {
            get = stream.read();
        }
        McpHttp.Reply delete = mcp.delete(null);

        assertJsonRpcError(get, 400, -32000);
        assertThatJson(get.text()).inPath("error.message").isEqualTo("Mcp-Session-Id header required");
        assertJsonRpcError(delete, 400, -32000);
        assertThatJson(delete.text()).inPath("error.message").isEqualTo("Mcp-Session-Id header required");
    }

    /** Check 5: an unknown id and a deleted one get the same bytes. */
    @Test
    void anUnknownSessionIdIs404ByteIdenticalToADeletedOne() {
        String deleted = mcp.initialize(McpHttp.LATEST).id();
        assertThat(mcp.delete(deleted).status()).isEqualTo(204);

        McpHttp.Reply unknown = mcp.call(UUID.randomUUID().toString(), "tools/list", null);
        McpHttp.Reply afterDelete = mcp.call(deleted, "tools/list", null);

        assertJsonRpcError(unknown, 404, -32000);
        assertThatJson(unknown.text()).isEqualTo(SESSION_NOT_FOUND);
        assertThat(afterDelete.status()).isEqualTo(404);
        assertThat(afterDelete.body()).isEqualTo(unknown.body());
    }

    /** Check 5: GET and DELETE with an unknown id answer the very same bytes. */
    @Test
    void getAndDeleteWithAnUnknownIdAnswerTheSame404() {
        String unknown = UUID.randomUUID().toString();
        McpHttp.Reply post = mcp.call(unknown, "ping", null);
        McpHttp.Reply get;
        try (McpHttp.Stream stream = mcp.get(unknown, null)) {
            get = stream.read();
        }
        McpHttp.Reply delete = mcp.delete(unknown);

        assertThat(post.status()).isEqualTo(404);
        assertThat(get.status()).isEqualTo(404);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(get.body()).isEqualTo(post.body());
        assertThat(delete.body()).isEqualTo(post.body());
    }

    /** Check 7: malformed JSON. */
    @Test
    void malformedJsonIsAParseError() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.post(session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");

        assertJsonRpcError(reply, 400, -32700);
    }

    /** Check 7: not JSON-RPC 2.0. */
    @Test
    void aWrongJsonRpcVersionIsAnInvalidRequest() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.post(session, """
                {"jsonrpc":"1.0","id":1,"method":"ping"}""");

        assertJsonRpcError(reply, 400, -32600);
    }

    @Test
    void otherInvalidMessagesAreInvalidRequests() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        for (String invalid : new String[] {
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
                "{\"id\":1,\"method\":\"ping\"}",
                "\"ping\"",
                "{\"jsonrpc\":\"2.0\"}"}) {
            assertJsonRpcError(mcp.post(session, invalid), 400, -32600);
        }
    }

    /** Check 7: notifications and client responses are accepted with 202 and no body. */
    @Test
    void notificationsAndResponsesAreAcceptedWith202AndAnEmptyBody() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply initialized = mcp.post(session, """
                {"jsonrpc":"2.0","method":"notifications/initialized"}""");
        McpHttp.Reply response = mcp.post(session, """
                {"jsonrpc":"2.0","id":"server-1","result":{}}""");
        McpHttp.Reply cancelled = mcp.post(session, """
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}}""");

        for (McpHttp.Reply reply : new McpHttp.Reply[] {initialized, response, cancelled}) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(202);
            assertThat(reply.body()).isEmpty();
        }
    }

    @Test
    void anUnknownMethodIsMethodNotFoundIn200() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.post(session, """
                {"jsonrpc":"2.0","id":"m-1","method":"resources/list"}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThatJson(reply.text()).isEqualTo("""
                {"jsonrpc":"2.0","id":"m-1","error":{"code":-32601,"message":"Method not found"}}""");
    }

    /** Check 8: a POST that does not accept both JSON and SSE. */
    @Test
    void aPostAcceptingOnlyJsonIs406() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.call(session, "ping", null, "Accept", "application/json");

        assertJsonRpcError(reply, 406, -32000);
    }

    @Test
    void wildcardAcceptEntriesCoverBothTypes() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        assertThat(mcp.call(session, "ping", null, "Accept", "*/*").status()).isEqualTo(200);
        assertThat(mcp.call(session, "ping", null, "Accept", "application/*, text/*").status()).isEqualTo(200);
        assertThat(mcp.call(session, "ping", null, "Accept", null).status()).as("no Accept counts as */*")
                .isEqualTo(200);
    }

    /** Check 8: a GET that does not accept SSE. */
    @Test
    void aGetAcceptingOnlyJsonIs406() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply;
        try (McpHttp.Stream stream = mcp.get(session, null, "Accept", "application/json")) {
            reply = stream.read();
        }

        assertJsonRpcError(reply, 406, -32000);
    }

    /** Check 8: a body that is not declared JSON. */
    @Test
    void aTextPlainBodyIs415() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = mcp.call(session, "ping", null, "Content-Type", "text/plain");
        McpHttp.Reply withCharset = mcp.call(session, "ping", null, "Content-Type", "application/json; charset=utf-8");

        assertJsonRpcError(reply, 415, -32000);
        assertThat(withCharset.status()).isEqualTo(200);
    }

    /** Check 8: a method the endpoint does not serve. */
    @Test
    void putIs405WithTheAllowedMethods() {
        String session = mcp.initialize(McpHttp.LATEST).id();

        McpHttp.Reply reply = McpHttp.send(mcp.requestBuilder(session, "Content-Type", McpHttp.JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertJsonRpcError(reply, 405, -32000);
        assertThat(reply.header("Allow")).isEqualTo("GET, POST, DELETE");
    }

    /** Check 8: a body over the 16 MiB default limit. */
    @Test
    void aSeventeenMebibyteBodyIs413() {
        String session = mcp.initialize(McpHttp.LATEST).id();
        byte[] body = hugeRequest(17 * 1024 * 1024);
        String head = String.join("\r\n",
                "POST /mcp HTTP/1.1",
                "Host: 127.0.0.1:" + agentd.httpBase().getPort(),
                "Authorization: Bearer " + agentd.authToken(),
                "Accept: application/json, text/event-stream",
                "Content-Type: application/json",
                "Mcp-Session-Id: " + session,
                "Content-Length: " + body.length,
                "Connection: close");

        McpHttp.Reply reply = McpHttp.sendRaw(mcp.url(), head, body);

        assertJsonRpcError(reply, 413, -32000);
    }

    /** A syntactically valid request whose one string argument makes it {@code size} bytes long. */
    private static byte[] hugeRequest(int size) {
        String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"";
        String suffix = "\"}}";
        byte[] body = new byte[size];
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = suffix.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(end, 0, body, size - end.length, end.length);
        return body;
    }
}
