package dev.agentd.browser.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.browser.cdp.BrowserLostException;
import dev.agentd.browser.cdp.CdpClient;
import dev.agentd.browser.cdp.CdpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page-state tracker of browser §5.5 fed with CDP events. */
class PageStateTest {
    private CdpTransport.Receiver receiver;
    private final AtomicInteger commits = new AtomicInteger();
    private PageState state;

    @BeforeEach
    void attach() throws Exception {
        CdpClient cdp = CdpClient.connect((URI endpoint, CdpTransport.Receiver newReceiver) -> {
            receiver = newReceiver;
            return new CdpTransport() {
                @Override
                public void send(String message) { }

                @Override
                public void close() { }
            };
        }, URI.create("ws://127.0.0.1:1/x"), Duration.ofSeconds(1));
        state = new PageState("MAIN", "about:blank", commits::incrementAndGet);
        state.listen(cdp, "S1");
    }

    private void event(String method, String params) {
        receiver.onMessage("{\"method\":\"" + method + "\",\"sessionId\":\"S1\",\"params\":" + params + "}");
    }

    @Test
    void aCrossDocumentNavigationIsLoadedAfterLoadAndStop() {
        assertThat(state.loaded()).isTrue();
        event("Page.frameStartedLoading", "{\"frameId\":\"MAIN\"}");
        assertThat(state.loaded()).isFalse();
        assertThat(state.navigationStarts()).isEqualTo(1);
        event("Network.responseReceived", "{\"frameId\":\"MAIN\",\"loaderId\":\"L1\",\"type\":\"Document\",\"response\":{\"status\":404}}");
        event("Page.frameNavigated", "{\"frame\":{\"id\":\"MAIN\",\"loaderId\":\"L1\",\"url\":\"http://x/a\",\"urlFragment\":\"#f\"}}");
        assertThat(state.url()).isEqualTo("http://x/a#f");
        assertThat(commits).hasValue(1);
        assertThat(state.documentStatus()).isEqualTo(404);
        event("Page.lifecycleEvent", "{\"frameId\":\"MAIN\",\"loaderId\":\"L1\",\"name\":\"DOMContentLoaded\"}");
        event("Page.lifecycleEvent", "{\"frameId\":\"MAIN\",\"loaderId\":\"L1\",\"name\":\"load\"}");
        assertThat(state.loaded()).isFalse();
        event("Page.frameStoppedLoading", "{\"frameId\":\"MAIN\"}");
        assertThat(state.loaded()).isTrue();
        assertThat(state.documentCommits()).isEqualTo(1);
    }

    @Test
    void childFramesAndSameDocumentNavigationsDoNotCommitDocuments() {
        event("Page.frameStartedLoading", "{\"frameId\":\"CHILD\"}");
        event("Page.frameNavigated", "{\"frame\":{\"id\":\"CHILD\",\"parentId\":\"MAIN\",\"loaderId\":\"L9\",\"url\":\"http://ad/\"}}");
        event("Page.navigatedWithinDocument", "{\"frameId\":\"MAIN\",\"url\":\"about:blank#x\"}");
        event("Page.navigatedWithinDocument", "{\"frameId\":\"CHILD\",\"url\":\"http://ad/#y\"}");
        assertThat(state.loaded()).isTrue();
        assertThat(state.navigationStarts()).isZero();
        assertThat(commits).hasValue(0);
        assertThat(state.url()).isEqualTo("about:blank#x");
        assertThat(state.documentStatus()).isNull();
    }

    @Test
    void waitsWakeOnEventsAndEndWhenTheBrowserIsLost() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return state.awaitUntil(() -> state.navigationStarts() > 0, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        event("Page.frameRequestedNavigation", "{\"frameId\":\"MAIN\",\"url\":\"http://x/\"}");
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(state.awaitUntil(() -> false, Duration.ofMillis(20))).isFalse();

        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try {
                state.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        state.markLost("page crashed");
        assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(BrowserLostException.class).hasMessage("page crashed");
    }
}
