package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.script.Step;

/**
 * {@code extract} (browser §7.3): the page's or an element's text through the two fixed sources of
 * §5.4, the only JavaScript agentd ever evaluates. {@code length} is the full text's length, so a
 * caller can see how much {@code max_chars} cut.
 */
public final class ExtractOp {
    static final String PAGE_TEXT = "document.body ? document.body.innerText : \"\"";
    static final String ELEMENT_TEXT = "function(){return this.innerText ?? this.value ?? this.textContent ?? \"\"}";

    private ExtractOp() {}

    public static ObjectNode run(Page page, Step.Extract step) throws StepFailure, InterruptedException {
        ObjectNode result = Results.object();
        String text;
        if (step.elementId() != null) {
            ElementMaps.Target target = page.maps().resolve(step.elementId(), step.options().mapId());
            text = elementText(page, target);
            result.put("element_id", target.elementId());
        } else {
            text = valueOf(page.call("Runtime.evaluate",
                    CdpJson.object().put("expression", PAGE_TEXT).put("returnByValue", true)));
        }
        boolean truncated = text.length() > step.maxChars();
        return result.put("text", truncated ? text.substring(0, step.maxChars()) : text)
                .put("length", text.length())
                .put("truncated", truncated);
    }

    private static String elementText(Page page, ElementMaps.Target target) throws StepFailure, InterruptedException {
        String objectId = ElementActions.call(page, target, "DOM.resolveNode").path("object").path("objectId").asText();
        return valueOf(page.call("Runtime.callFunctionOn", CdpJson.object()
                .put("objectId", objectId).put("functionDeclaration", ELEMENT_TEXT).put("returnByValue", true)));
    }

    private static String valueOf(JsonNode evaluation) {
        JsonNode value = evaluation.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
