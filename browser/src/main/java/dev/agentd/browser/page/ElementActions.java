package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpJson;
import java.util.List;

/**
 * DOM calls on a resolved element. Answers meaning "this node has left the page" become the
 * staleness failure of browser §6.3 instead of an internal error.
 */
final class ElementActions {
    private static final List<String> GONE_MESSAGES = List.of(
            "No node with given id found", "Could not compute box model", "Node is detached from document",
            "Node with given id does not belong to the document");

    private ElementActions() {}

    static boolean isGone(CdpException e) {
        return GONE_MESSAGES.stream().anyMatch(e.cdpMessage()::contains);
    }

    /** A {@code DOM.*} command about the element; a vanished node fails the step with §6.3's message. */
    static JsonNode call(Page page, ElementMaps.Target target, String method) throws StepFailure, InterruptedException {
        return call(page, target, method, CdpJson.object());
    }

    static JsonNode call(Page page, ElementMaps.Target target, String method, ObjectNode params)
            throws StepFailure, InterruptedException {
        try {
            return page.call(method, params.put("backendNodeId", target.backendNodeId()));
        } catch (CdpException e) {
            if (isGone(e)) {
                throw target.gone();
            }
            throw e;
        }
    }

    /** Scrolls the element into view and returns its box. */
    static Bounds scrollIntoView(Page page, ElementMaps.Target target) throws StepFailure, InterruptedException {
        call(page, target, "DOM.scrollIntoViewIfNeeded");
        return measure(page, target);
    }

    /** The element's current box; an element without one cannot be acted on. */
    static Bounds measure(Page page, ElementMaps.Target target) throws StepFailure, InterruptedException {
        JsonNode boxModel = call(page, target, "DOM.getBoxModel");
        return Bounds.ofBoxModel(boxModel).orElseThrow(() -> new StepFailure(ErrorKind.INPUT_FAILED,
                target.elementId() + " (map " + target.mapId() + ") has no visible box"));
    }
}
