package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.cdp.BrowserLostException;
import dev.agentd.browser.cdp.CdpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The page-state tracker (browser §5.5), fed by main-frame events of the page session.
 *
 * <p>The page is <em>loaded</em> when no navigation is pending and the {@code load} lifecycle
 * event came for the committed document. Two counters let a step ask "did a navigation start /
 * did a new document commit since I dispatched my input". Every change wakes the waiters of
 * {@link #awaitUntil}, and so does the loss of the browser, which ends every wait at once.
 */
public final class PageState {
    private static final int KEPT_STATUSES = 32;

    private final Runnable onDocumentCommitted;
    private final Map<String, Integer> documentStatus = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KEPT_STATUSES;
        }
    };
    private String mainFrameId;
    private String url;
    private String committedLoaderId;
    private String loadedLoaderId;
    private boolean navigationPending;
    private long navigationStarts;
    private long documentCommits;
    private String lostCause;
    private String uncommittedNavigateUrl;

    /**
     * @param mainFrameId         the page target's id, which is its main frame's id
     * @param url                 the URL when attached (the initial {@code about:blank})
     * @param onDocumentCommitted runs on every main-frame cross-document commit (clears the map)
     */
    public PageState(String mainFrameId, String url, Runnable onDocumentCommitted) {
        this.mainFrameId = mainFrameId;
        this.url = url;
        this.onDocumentCommitted = onDocumentCommitted;
    }

    /** Subscribes to the page session's events. */
    public void listen(CdpClient cdp, String sessionId) {
        cdp.onEvent(sessionId, "Page.frameRequestedNavigation", this::onNavigationStarted);
        cdp.onEvent(sessionId, "Page.frameStartedLoading", this::onNavigationStarted);
        cdp.onEvent(sessionId, "Page.frameNavigated", this::onFrameNavigated);
        cdp.onEvent(sessionId, "Page.navigatedWithinDocument", this::onNavigatedWithinDocument);
        cdp.onEvent(sessionId, "Page.lifecycleEvent", this::onLifecycleEvent);
        cdp.onEvent(sessionId, "Page.frameStoppedLoading", this::onFrameStoppedLoading);
        cdp.onEvent(sessionId, "Network.responseReceived", this::onResponseReceived);
    }

    public synchronized String url() {
        return url;
    }

    public synchronized boolean loaded() {
        return !navigationPending && Objects.equals(loadedLoaderId, committedLoaderId);
    }

    /** A {@code navigate} to {@code url} timed out before its document committed; it may still commit. */
    public synchronized void noteUncommittedNavigate(String url) {
        uncommittedNavigateUrl = url;
    }

    /** The URL of a timed-out {@code navigate} whose document has not committed yet, or null. */
    public synchronized String uncommittedNavigateUrl() {
        return uncommittedNavigateUrl;
    }

    public synchronized long navigationStarts() {
        return navigationStarts;
    }

    public synchronized long documentCommits() {
        return documentCommits;
    }

    /** The HTTP status of the committed main document, or null (about:blank, error pages). */
    public synchronized Integer documentStatus() {
        return committedLoaderId == null ? null : documentStatus.get(committedLoaderId);
    }

    public synchronized String lostCause() {
        return lostCause;
    }

    /** Ends every current and future wait with {@link BrowserLostException}. */
    public synchronized void markLost(String cause) {
        if (lostCause == null) {
            lostCause = cause;
        }
        notifyAll();
    }

    /**
     * Waits until {@code condition} holds, at most {@code limit}. The condition is evaluated under
     * this tracker's lock after every change, so it may read the tracker freely.
     *
     * @return whether the condition became true in time
     */
    public synchronized boolean awaitUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (lostCause != null) {
                throw new BrowserLostException(lostCause);
            }
            if (condition.getAsBoolean()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }

    /** Sleeps {@code duration}, unless the browser is lost first. */
    public void sleep(Duration duration) throws InterruptedException {
        awaitUntil(() -> false, duration);
    }

    private boolean isMainFrame(JsonNode params) {
        return params.path("frameId").asText("").equals(mainFrameId);
    }

    private synchronized void onNavigationStarted(JsonNode params) {
        if (isMainFrame(params)) {
            navigationPending = true;
            navigationStarts++;
            notifyAll();
        }
    }

    private void onFrameNavigated(JsonNode params) {
        JsonNode frame = params.path("frame");
        if (frame.hasNonNull("parentId")) {
            return;
        }
        synchronized (this) {
            mainFrameId = frame.path("id").asText(mainFrameId);
            url = frame.path("url").asText("") + frame.path("urlFragment").asText("");
            committedLoaderId = frame.path("loaderId").asText(null);
            uncommittedNavigateUrl = null;
            documentCommits++;
            notifyAll();
        }
        onDocumentCommitted.run();
    }

    private synchronized void onNavigatedWithinDocument(JsonNode params) {
        if (isMainFrame(params)) {
            url = params.path("url").asText(url);
            notifyAll();
        }
    }

    private synchronized void onLifecycleEvent(JsonNode params) {
        if (isMainFrame(params) && params.path("name").asText().equals("load")) {
            loadedLoaderId = params.path("loaderId").asText(null);
            notifyAll();
        }
    }

    private synchronized void onFrameStoppedLoading(JsonNode params) {
        if (isMainFrame(params)) {
            navigationPending = false;
            notifyAll();
        }
    }

    private synchronized void onResponseReceived(JsonNode params) {
        if (params.path("type").asText().equals("Document") && isMainFrame(params)) {
            documentStatus.put(params.path("loaderId").asText(), params.path("response").path("status").asInt());
        }
    }
}
