package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.script.Modifier;
import dev.agentd.browser.script.Step;

/** {@code keypress} (browser §7.3, §7.4): the key with its modifiers, then settle. */
public final class KeypressOp {
    private KeypressOp() {}

    public static ObjectNode run(Page page, Step.Keypress step, int timeoutMs) throws StepFailure, InterruptedException {
        Settle settle = Settle.before(page.state());
        Input.press(page, step.key(), step.modifiers());
        boolean navigated = settle.await(step.options().settleMs(), timeoutMs);
        ObjectNode result = Results.object().put("key", step.key().name());
        ArrayNode modifiers = result.putArray("modifiers");
        step.modifiers().stream().map(Modifier::wireName).forEach(modifiers::add);
        return result.put("navigated", navigated).put("url", page.state().url());
    }
}
