package dev.agentd.browser.cdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CDP client's wire rules (browser §5.2) over a recording transport. */
class CdpClientTest {
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private CdpTransport.Receiver receiver;
    private boolean transportClosed;
    private CdpClient client;

    @BeforeEach
    void connect() throws Exception {
        client = CdpClient.connect((URI endpoint, CdpTransport.Receiver newReceiver) -> {
            receiver = newReceiver;
            return new CdpTransport() {
                @Override
                public void send(String message) {
                    sent.add(message);
                }

                @Override
                public void close() {
                    transportClosed = true;
                }
            };
        }, URI.create("ws://127.0.0.1:1/devtools/browser/x"), Duration.ofMillis(300));
    }

    @Test
    void commandsCarryIdsFromOneAndTheSessionAtTopLevel() {
        client.send(null, "Browser.getVersion", null);
        client.send("S1", "Page.navigate", CdpJson.object().put("url", "about:blank"));
        assertThat(sent).containsExactly(
                "{\"id\":1,\"method\":\"Browser.getVersion\",\"params\":{}}",
                "{\"id\":2,\"method\":\"Page.navigate\",\"params\":{\"url\":\"about:blank\"},\"sessionId\":\"S1\"}");
    }

    @Test
    void responsesCompleteTheirCommandAndErrorsBecomeCdpExceptions() throws Exception {
        CompletableFuture<JsonNode> first = client.send(null, "Browser.getVersion", null);
        CompletableFuture<JsonNode> second = client.send("S1", "DOM.getBoxModel", null);
        receiver.onMessage("{\"id\":2,\"error\":{\"code\":-32000,\"message\":\"No node with given id found\"}}");
        receiver.onMessage("{\"id\":1,\"result\":{\"product\":\"Chrome/1\"}}");
        receiver.onMessage("{\"id\":99,\"result\":{}}");

        assertThat(first.get(1, TimeUnit.SECONDS).path("product").asText()).isEqualTo("Chrome/1");
        assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(CdpException.class, e -> {
                    assertThat(e.method()).isEqualTo("DOM.getBoxModel");
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.cdpMessage()).isEqualTo("No node with given id found");
                });
    }

    @Test
    void eventsGoToTheListenersOfTheirSessionAndMethod() {
        List<String> pageEvents = new CopyOnWriteArrayList<>();
        List<String> browserEvents = new CopyOnWriteArrayList<>();
        client.onEvent("S1", "Page.frameNavigated", params -> pageEvents.add(params.path("n").asText()));
        client.onEvent(null, "Target.detachedFromTarget", params -> browserEvents.add(params.path("n").asText()));
        receiver.onMessage("{\"method\":\"Page.frameNavigated\",\"params\":{\"n\":\"a\"},\"sessionId\":\"S1\"}");
        receiver.onMessage("{\"method\":\"Page.frameNavigated\",\"params\":{\"n\":\"b\"},\"sessionId\":\"S2\"}");
        receiver.onMessage("{\"method\":\"Page.frameNavigated\",\"params\":{\"n\":\"c\"}}");
        receiver.onMessage("{\"method\":\"Target.detachedFromTarget\",\"params\":{\"n\":\"d\"}}");
        receiver.onMessage("not json at all");
        assertThat(pageEvents).containsExactly("a");
        assertThat(browserEvents).containsExactly("d");
    }

    @Test
    void anUnansweredCommandTimesOutAndItsLateAnswerIsDropped() {
        assertThatThrownBy(() -> client.call(null, "Page.captureScreenshot", null))
                .isInstanceOf(CdpTimeoutException.class)
                .hasMessage("CDP Page.captureScreenshot did not answer within 300 ms");
        receiver.onMessage("{\"id\":1,\"result\":{}}");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aClosedSocketFailsPendingAndLaterCommands() {
        CompletableFuture<JsonNode> pending = client.send(null, "Browser.getVersion", null);
        receiver.onClosed("DevTools connection closed (1006)");
        assertThatThrownBy(() -> pending.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(BrowserLostException.class).hasMessage("DevTools connection closed (1006)");
        assertThatThrownBy(() -> client.call("S1", "Page.enable", null))
                .isInstanceOf(BrowserLostException.class).hasMessage("DevTools connection closed (1006)");
        assertThat(client.lost()).isCompletedWithValue("DevTools connection closed (1006)");
        assertThat(sent).hasSize(1);
    }

    @Test
    void abortClosesTheTransportWithTheFirstCause() {
        client.abort("page crashed");
        client.abort("closed");
        assertThat(transportClosed).isTrue();
        assertThat(client.lost()).isCompletedWithValue("page crashed");
    }
}
