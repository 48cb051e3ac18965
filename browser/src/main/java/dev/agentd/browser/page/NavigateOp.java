package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.cdp.CdpTimeoutException;
import dev.agentd.browser.script.Step;
import java.time.Duration;

/**
 * {@code navigate} (browser §7.3): {@code Page.navigate}, then wait until a new document is
 * committed and loaded, all within the step's timeout. {@code Page.navigate} itself answers only
 * once the response headers arrive, so it is bounded by the same deadline. On timeout the page
 * stays where it got to.
 *
 * <p>Chromium drops a navigation that duplicates one still in flight (same URL) with
 * {@code net::ERR_ABORTED}. That happens when a navigate to a URL timed out and the next step
 * navigates there again; the step then waits for the navigation already in flight.
 */
public final class NavigateOp {
    private static final String DUPLICATE_DROPPED = "net::ERR_ABORTED";
    private NavigateOp() {}

    public static ObjectNode run(Page page, Step.Navigate step, int timeoutMs) throws StepFailure, InterruptedException {
        PageState state = page.state();
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        long commitsBefore = state.documentCommits();
        boolean repeatsUncommitted = step.url().equals(state.uncommittedNavigateUrl());
        JsonNode navigation = navigate(page, step.url(), timeoutMs, deadline);
        String errorText = navigation.path("errorText").asText("");
        boolean joinsPending = repeatsUncommitted && errorText.equals(DUPLICATE_DROPPED);
        if (!errorText.isEmpty() && !joinsPending) {
            throw new StepFailure(ErrorKind.NAVIGATION_FAILED, errorText, Results.withUrl(state.url()));
        }
        if (navigation.hasNonNull("loaderId") || joinsPending) {
            boolean loaded = state.awaitUntil(() -> state.documentCommits() > commitsBefore && state.loaded(),
                    remaining(deadline));
            if (!loaded) {
                throw timeout(step.url(), timeoutMs, state);
            }
        }
        Page.PageInfo info = page.info();
        ObjectNode result = Results.withUrl(info.url()).put("title", info.title());
        Integer status = state.documentStatus();
        return status == null ? result.putNull("status") : result.put("status", status);
    }

    private static JsonNode navigate(Page page, String url, int timeoutMs, long deadline)
            throws StepFailure, InterruptedException {
        Duration stepLeft = remaining(deadline);
        Duration commandLimit = page.cdp().commandTimeout();
        boolean stepBound = stepLeft.compareTo(commandLimit) <= 0;
        try {
            return page.call("Page.navigate", CdpJson.object().put("url", url), stepBound ? stepLeft : commandLimit);
        } catch (CdpTimeoutException e) {
            page.state().noteUncommittedNavigate(url);
            if (stepBound) {
                throw timeout(url, timeoutMs, page.state());
            }
            throw e;
        }
    }

    private static StepFailure timeout(String url, int timeoutMs, PageState state) {
        return new StepFailure(ErrorKind.TIMEOUT, "navigation to " + url + " did not finish within " + timeoutMs + " ms",
                Results.withUrl(state.url()));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
