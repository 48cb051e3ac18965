package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpClient;
import dev.agentd.browser.cdp.CdpJson;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The attached page as the ops see it: commands on the flattened page session, the page-state
 * tracker, the element maps, the dialog record and the current viewport.
 */
public final class Page {
    private final CdpClient cdp;
    private final String sessionId;
    private final String targetId;
    private final PageState state;
    private final ElementMaps maps;
    private final Dialogs dialogs;
    private volatile Viewport viewport;
    private volatile String lastTitle = "";

    public Page(CdpClient cdp, String sessionId, String targetId, PageState state, ElementMaps maps, Dialogs dialogs,
            Viewport viewport) {
        this.cdp = cdp;
        this.sessionId = sessionId;
        this.targetId = targetId;
        this.state = state;
        this.maps = maps;
        this.dialogs = dialogs;
        this.viewport = viewport;
    }

    /** A page-session command, waiting at most the CDP command timeout. */
    public JsonNode call(String method, ObjectNode params) throws InterruptedException {
        return cdp.call(sessionId, method, params);
    }

    /** A page-session command, waiting at most {@code limit}. */
    public JsonNode call(String method, ObjectNode params, Duration limit) throws InterruptedException {
        return cdp.await(method, send(method, params), limit);
    }

    public CompletableFuture<JsonNode> send(String method, ObjectNode params) {
        return cdp.send(sessionId, method, params);
    }

    /** A browser-level command (no session). */
    public JsonNode callBrowser(String method, ObjectNode params) throws InterruptedException {
        return cdp.call(null, method, params);
    }

    public CdpClient cdp() {
        return cdp;
    }

    /** URL and title from {@code Target.getTargetInfo}. */
    public PageInfo info() throws InterruptedException {
        JsonNode info = callBrowser("Target.getTargetInfo", CdpJson.object().put("targetId", targetId)).path("targetInfo");
        lastTitle = info.path("title").asText("");
        return new PageInfo(info.path("url").asText(state.url()), lastTitle);
    }

    /** The last known URL and title, without asking the browser (it may be gone). */
    public PageInfo lastKnownInfo() {
        return new PageInfo(state.url(), lastTitle);
    }

    public PageState state() {
        return state;
    }

    public ElementMaps maps() {
        return maps;
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Applies a new viewport with {@code Emulation.setDeviceMetricsOverride}. */
    public void resize(Viewport newViewport) throws InterruptedException {
        call("Emulation.setDeviceMetricsOverride", metrics(newViewport));
        viewport = newViewport;
    }

    public static ObjectNode metrics(Viewport viewport) {
        return CdpJson.object().put("width", viewport.width()).put("height", viewport.height())
                .put("deviceScaleFactor", 1).put("mobile", false);
    }

    /** URL and title of the page. */
    public record PageInfo(String url, String title) {}
}
