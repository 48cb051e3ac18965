package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.script.Key;
import dev.agentd.browser.script.Step;
import java.util.List;

/**
 * {@code type} (browser §7.3): focus the element (if given), optionally clear it, insert the
 * text, optionally press Enter and settle. Without an element the text goes to whatever has focus.
 */
public final class TypeOp {
    private TypeOp() {}

    public static ObjectNode run(Page page, Step.Type step, int timeoutMs) throws StepFailure, InterruptedException {
        ObjectNode result = Results.object();
        if (step.elementId() != null) {
            ElementMaps.Target target = page.maps().resolve(step.elementId(), step.options().mapId());
            ElementActions.call(page, target, "DOM.scrollIntoViewIfNeeded");
            focus(page, target);
            result.put("element_id", target.elementId());
        }
        if (step.clear()) {
            Input.clearField(page);
        }
        Input.insertText(page, step.text());
        result.put("typed", step.text().length());
        if (step.submit()) {
            Settle settle = Settle.before(page.state());
            Input.press(page, Key.parse("Enter").orElseThrow(), List.of());
            result.put("navigated", settle.await(step.options().settleMs(), timeoutMs));
        }
        return result.put("url", page.state().url());
    }

    private static void focus(Page page, ElementMaps.Target target) throws StepFailure, InterruptedException {
        try {
            ElementActions.call(page, target, "DOM.focus");
        } catch (CdpException e) {
            throw new StepFailure(ErrorKind.INPUT_FAILED, e.getMessage());
        }
    }
}
