package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawHttp;
import dev.agentd.daemon.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP side of the listener (core §1, §17): routing, the Origin check, {@code /healthz}.
 * Covers core §19 checks 7, 8 and 9. Requests go through {@link RawHttp} so headers are sent
 * exactly as written.
 */
class HttpEndpointsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final String LOOPBACK_ORIGIN_A = "Origin: http://localhost:5173";
    private static final String LOOPBACK_ORIGIN_B = "Origin: http://127.0.0.1";

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "https://127.0.0.1", "http://[::1]:8080",
            "http://LOCALHOST:3000", "https://localhost"})
    void upgradeFromLoopbackOriginSwitchesProtocols(String origin) {
        Response response = RawHttp.upgrade(agentd.httpBase(), "/", "Origin: " + origin);

        assertThat(response.status()).isEqualTo(101);
    }

    @Test
    void upgradeWithoutOriginSwitchesProtocolsWithoutExtensionOrSubprotocol() {
        String key = RawHttp.newWebSocketKey();

        Response response = RawHttp.upgradeWithKey(agentd.httpBase(), "/", key,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
                "Sec-WebSocket-Protocol: jsonrpc");

        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("upgrade")).isEqualToIgnoringCase("websocket");
        assertThat(response.header("sec-websocket-accept")).isEqualTo(RawHttp.expectedAccept(key));
        assertThat(response.headers()).doesNotContainKeys("sec-websocket-extensions", "sec-websocket-protocol");
    }

    @Test
    void upgradeIgnoresTheQueryString() {
        assertThat(RawHttp.upgrade(agentd.httpBase(), "/?client=test&x=1").status()).isEqualTo(101);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "file://", "chrome-extension://abcdefgh",
            "http://localhost:5173/path", "http://localhost.evil.example", "http://127.0.0.2",
            "ftp://localhost", "localhost:5173", "http://localhost:port", "http://user@localhost"})
    void upgradeFromAnyOtherOriginIsForbiddenBeforeTheUpgrade(String origin) {
        Response response = RawHttp.upgrade(agentd.httpBase(), "/", "Origin: " + origin);

        assertThat(response.status()).as("Origin: %s", origin).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("sec-websocket-accept");
    }

    @Test
    void upgradeWithTwoOriginHeadersIsForbidden() {
        Response response = RawHttp.upgrade(agentd.httpBase(), "/",
                LOOPBACK_ORIGIN_A, LOOPBACK_ORIGIN_B);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("sec-websocket-accept");
    }

    @Test
    void getRootWithoutUpgradeIsUpgradeRequired() {
        Response response = RawHttp.get(agentd.httpBase(), "/");

        assertThat(response.status()).isEqualTo(426);
        assertThat(response.header("upgrade")).isEqualToIgnoringCase("websocket");
        assertThat(response.bodyText()).isNotBlank();
    }

    @Test
    void unknownPathIsNotFoundWithOrWithoutUpgrade() {
        assertThat(RawHttp.get(agentd.httpBase(), "/nope").status()).isEqualTo(404);
        assertThat(RawHttp.upgrade(agentd.httpBase(), "/nope").status()).isEqualTo(404);
    }

    @Test
    void otherMethodsOnHealthzAndRootAreNotAllowed() {
        Response postHealthz = RawHttp.send(agentd.httpBase(), "POST", "/healthz");
        Response deleteRoot = RawHttp.send(agentd.httpBase(), "DELETE", "/");

        assertThat(postHealthz.status()).isEqualTo(405);
        assertThat(postHealthz.header("allow")).contains("GET", "HEAD");
        assertThat(deleteRoot.status()).isEqualTo(405);
        assertThat(deleteRoot.header("allow")).contains("GET");
    }

    @Test
    void healthzReportsStatusVersionsPidAndAuthWithoutCaching() {
        Response response = RawHttp.get(agentd.httpBase(), "/healthz");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThatJson(response.bodyText()).isEqualTo("""
                {"status":"ok","version":"0.1.0","protocol_version":2,"pid":%d,
                 "uptime_ms":"${json-unit.any-number}","auth_enabled":true}""".formatted(agentd.daemon().pid()));
        assertThatJson(response.bodyText()).node("uptime_ms").isIntegralNumber().isNotNegative();
    }

    @Test
    void healthzRevealsNoTokenAndNoPath() {
        String body = RawHttp.get(agentd.httpBase(), "/healthz").bodyText();

        assertThat(body).doesNotContain(agentd.authToken(), agentd.hostToken(), agentd.root().toString());
    }

    @Test
    void headHealthzHasTheHeadersAndNoBody() {
        Response response = RawHttp.send(agentd.httpBase(), "HEAD", "/healthz");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void healthzAcceptsALoopbackOrigin() {
        assertThat(RawHttp.get(agentd.httpBase(), "/healthz", "Origin: http://localhost:5173").status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "file://", "http://localhost:5173/path"})
    void healthzWithAForeignOriginIsForbidden(String origin) {
        Response response = RawHttp.get(agentd.httpBase(), "/healthz", "Origin: " + origin);

        assertThat(response.status()).as("Origin: %s", origin).isEqualTo(403);
        assertThat(response.bodyText()).doesNotContain("\"status\"");
    }

    @Test
    void healthzWithTwoOriginHeadersIsForbidden() {
        Response response = RawHttp.get(agentd.httpBase(), "/healthz",
                LOOPBACK_ORIGIN_A, LOOPBACK_ORIGIN_B);

        assertThat(response.status()).isEqualTo(403);
    }
}
