package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.script.Step;
import dev.agentd.browser.script.WaitCondition;
import java.time.Duration;

/**
 * {@code wait} (browser §7.3): a plain sleep, or a condition polled every 100 ms until it holds or
 * the step's timeout passes. Both end at once if the browser is lost. The element map is not
 * touched.
 */
public final class WaitOp {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private WaitOp() {}

    /** @param urlBeforeStep the URL at the end of the previous step, the default for {@code url_changed} */
    public static ObjectNode run(Page page, Step.Wait step, int timeoutMs, String urlBeforeStep)
            throws StepFailure, InterruptedException {
        long start = System.nanoTime();
        if (step.condition() == null) {
            page.state().sleep(Duration.ofMillis(step.ms()));
            return result(page, start);
        }
        WaitCondition condition = step.condition();
        long deadline = start + Duration.ofMillis(timeoutMs).toNanos();
        while (!holds(page, condition, urlBeforeStep)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new StepFailure(ErrorKind.TIMEOUT, describe(condition) + " not met within " + timeoutMs + " ms",
                        result(page, start).put("condition", condition.kind().wireName()));
            }
            page.state().sleep(Duration.ofNanos(Math.min(remaining, POLL_INTERVAL.toNanos())));
        }
        return result(page, start).put("condition", condition.kind().wireName());
    }

    private static boolean holds(Page page, WaitCondition condition, String urlBeforeStep)
            throws StepFailure, InterruptedException {
        return switch (condition.kind()) {
            case PAGE_LOADED -> page.state().loaded();
            case URL_CHANGED -> !page.state().url().equals(condition.fromUrl() != null ? condition.fromUrl() : urlBeforeStep);
            case TEXT -> AxWalk.anyNode(ObserveOp.fullAxTree(page), null, condition.text());
            case ELEMENT -> AxWalk.anyNode(ObserveOp.fullAxTree(page), condition.role(), condition.nameContains());
        };
    }

    private static String describe(WaitCondition condition) {
        return switch (condition.kind()) {
            case PAGE_LOADED -> "page_loaded";
            case URL_CHANGED -> "url_changed";
            case TEXT -> "text \"" + condition.text() + "\"";
            case ELEMENT -> "element with name containing \"" + condition.nameContains() + "\""
                    + (condition.role() == null ? "" : " and role " + condition.role());
        };
    }

    private static ObjectNode result(Page page, long start) {
        return Results.object()
                .put("waited_ms", Duration.ofNanos(System.nanoTime() - start).toMillis())
                .put("url", page.state().url());
    }
}
