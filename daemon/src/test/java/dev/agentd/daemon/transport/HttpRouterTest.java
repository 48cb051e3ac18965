package dev.agentd.daemon.transport;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRouterTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpRouter(new HealthEndpoint(true)));

    private FullHttpResponse send(HttpMethod method, String uri, String... headers) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("a response to " + method + " " + uri).isNotNull();
        return response;
    }

    private void assertClosedWithNothingElse(FullHttpResponse response) {
        response.release();
        assertThat(channel.isOpen()).as("plain HTTP answers close the connection").isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void healthzAnswersJsonWithoutCaching() {
        FullHttpResponse response = send(HttpMethod.GET, "/healthz");
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThatJson(response.content().toString(StandardCharsets.UTF_8))
                .isObject()
                .containsEntry("status", "ok")
                .containsEntry("protocol_version", 2)
                .containsEntry("pid", ProcessHandle.current().pid())
                .containsEntry("auth_enabled", true)
                .containsKeys("version", "uptime_ms")
                .hasSize(6);
        assertClosedWithNothingElse(response);
    }

    @Test
    void headHealthzHasTheLengthButNoBody() {
        FullHttpResponse response = send(HttpMethod.HEAD, "/healthz");
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.content().readableBytes()).isZero();
        assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isPositive();
        assertClosedWithNothingElse(response);
    }

    @Test
    void otherMethodOnHealthzIs405WithAllow() {
        FullHttpResponse response = send(HttpMethod.POST, "/healthz");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        assertClosedWithNothingElse(response);
    }

    @Test
    void rootWithoutUpgradeIs426() {
        FullHttpResponse response = send(HttpMethod.GET, "/?x=1");
        assertThat(response.status().code()).isEqualTo(426);
        assertThat(response.headers().get(HttpHeaderNames.UPGRADE)).isEqualTo("websocket");
        assertClosedWithNothingElse(response);
    }

    @Test
    void rootWithAnotherMethodIs405() {
        FullHttpResponse response = send(HttpMethod.PUT, "/");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET");
        assertClosedWithNothingElse(response);
    }

    @Test
    void unknownPathIs404EvenForAnUpgrade() {
        FullHttpResponse response = send(HttpMethod.GET, "/nope", "Upgrade", "websocket", "Connection", "Upgrade");
        assertThat(response.status().code()).isEqualTo(404);
        assertClosedWithNothingElse(response);
    }

    @Test
    void foreignOriginIs403BeforeRouting() {
        FullHttpResponse response = send(HttpMethod.GET, "/healthz", "Origin", "http://evil.example");
        assertThat(response.status().code()).isEqualTo(403);
        assertClosedWithNothingElse(response);
    }

    @Test
    void upgradeOnRootIsPassedOnAndTheRouterLeaves() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().add("Upgrade", "websocket").add("Connection", "Upgrade").add("Origin", "http://localhost:5173");
        channel.writeInbound(request);
        FullHttpRequest passed = channel.readInbound();
        assertThat(passed).isSameAs(request);
        assertThat(channel.pipeline().get(HttpRouter.class)).isNull();
        passed.release();
        assertFalse(channel.finish());
    }
}
