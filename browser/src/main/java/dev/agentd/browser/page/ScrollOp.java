package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.script.Step;
import java.time.Duration;

/**
 * {@code scroll} (browser §7.3): a mouse wheel at the viewport centre, or at the element's centre
 * clamped into the viewport; done when two layout reads 20 ms apart agree, or after 1 s.
 */
public final class ScrollOp {
    private static final Duration READ_INTERVAL = Duration.ofMillis(20);
    private static final Duration MAX_SETTLE = Duration.ofSeconds(1);

    private ScrollOp() {}

    public static ObjectNode run(Page page, Step.Scroll step) throws StepFailure, InterruptedException {
        Viewport viewport = page.viewport();
        double x = viewport.width() / 2.0;
        double y = viewport.height() / 2.0;
        if (step.elementId() != null) {
            ElementMaps.Target target = page.maps().resolve(step.elementId(), step.options().mapId());
            Bounds bounds = ElementActions.measure(page, target);
            x = clamp(bounds.centerX(), viewport.width());
            y = clamp(bounds.centerY(), viewport.height());
        }
        Input.wheel(page, x, y, step.deltaX(), step.deltaY());
        ScrollPosition position = settledPosition(page);
        return Results.object().put("scroll_x", Math.round(position.x())).put("scroll_y", Math.round(position.y()));
    }

    private static ScrollPosition settledPosition(Page page) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
        ScrollPosition previous = read(page);
        while (System.nanoTime() < deadline) {
            page.state().sleep(READ_INTERVAL);
            ScrollPosition current = read(page);
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    private static ScrollPosition read(Page page) throws InterruptedException {
        JsonNode viewport = page.call("Page.getLayoutMetrics", CdpJson.object()).path("cssVisualViewport");
        return new ScrollPosition(viewport.path("pageX").asDouble(), viewport.path("pageY").asDouble());
    }

    private static double clamp(int value, int size) {
        return Math.max(0, Math.min(value, size - 1));
    }

    private record ScrollPosition(double x, double y) {}
}
