package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.script.Step;

/**
 * {@code click} (browser §7.3): at an element's content-quad centre after scrolling it into
 * view, or at given viewport coordinates; then settle.
 */
public final class ClickOp {
    private ClickOp() {}

    public static ObjectNode run(Page page, Step.Click step, int timeoutMs) throws StepFailure, InterruptedException {
        ObjectNode result = Results.object();
        double x;
        double y;
        if (step.elementId() != null) {
            ElementMaps.Target target = page.maps().resolve(step.elementId(), step.options().mapId());
            Bounds bounds = ElementActions.scrollIntoView(page, target);
            x = bounds.centerX();
            y = bounds.centerY();
            result.put("element_id", target.elementId());
        } else {
            x = step.x();
            y = step.y();
        }
        Settle settle = Settle.before(page.state());
        Input.click(page, x, y);
        boolean navigated = settle.await(step.options().settleMs(), timeoutMs);
        Results.putNumber(result, "x", x);
        Results.putNumber(result, "y", y);
        return result.put("navigated", navigated).put("url", page.state().url());
    }
}
