package dev.agentd.browser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;

/** Builds script steps and reads traces in tests. */
public final class Steps {
    private Steps() {}

    public static ObjectNode step(String op) {
        return Json.mapper().createObjectNode().put("op", op);
    }

    public static ObjectNode navigate(String url) {
        return step("navigate").put("url", url);
    }

    public static ObjectNode observe() {
        return step("observe");
    }

    public static ObjectNode click(String elementId) {
        return step("click").put("element_id", elementId);
    }

    public static ObjectNode type(String elementId, String text) {
        return step("type").put("element_id", elementId).put("text", text);
    }

    public static ObjectNode waitFor(String condition) {
        return step("wait").put("condition", condition);
    }

    public static ObjectNode extract() {
        return step("extract");
    }

    /** {@code browser.run} params with these steps as the script. */
    public static ObjectNode params(ObjectNode... steps) {
        ObjectNode params = Json.mapper().createObjectNode();
        ArrayNode script = params.putArray("script");
        for (ObjectNode step : steps) {
            script.add(step);
        }
        return params;
    }

    /** The id of the element with {@code role} and {@code name} in an observe result. */
    public static String idOf(JsonNode observeResult, String role, String name) {
        for (JsonNode element : observeResult.path("elements")) {
            if (element.path("role").asText().equals(role) && element.path("name").asText().equals(name)) {
                return element.path("id").asText();
            }
        }
        throw new AssertionError("no " + role + " \"" + name + "\" in " + observeResult.path("compact").asText());
    }

    public static JsonNode element(JsonNode observeResult, String role, String name) {
        String id = idOf(observeResult, role, name);
        for (JsonNode element : observeResult.path("elements")) {
            if (element.path("id").asText().equals(id)) {
                return element;
            }
        }
        throw new AssertionError(id);
    }

    /** The result of step {@code index}, asserting the step succeeded. */
    public static JsonNode okResult(JsonNode trace, int index) {
        JsonNode step = trace.path("steps").get(index);
        if (step == null || !step.path("ok").asBoolean()) {
            throw new AssertionError("step " + index + " did not succeed: " + trace.toPrettyString());
        }
        return step.path("result");
    }
}
