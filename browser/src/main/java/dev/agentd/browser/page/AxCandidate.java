package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the snapshot needs from one accessibility node: role, name, value, the node to act on,
 * and the AX states of §6.2 in their fixed order ({@code offscreen} is added once bounds exist).
 */
public record AxCandidate(long backendNodeId, String role, String name, String value, List<String> states,
        boolean hidden, Integer level) {

    static AxCandidate of(JsonNode node) {
        Map<String, JsonNode> properties = new HashMap<>();
        for (JsonNode property : node.path("properties")) {
            properties.put(property.path("name").asText(), property.path("value").path("value"));
        }
        JsonNode level = properties.get("level");
        return new AxCandidate(
                node.path("backendDOMNodeId").asLong(-1),
                node.path("role").path("value").asText(""),
                node.path("name").path("value").asText(""),
                valueOf(node.path("value").path("value")),
                states(properties),
                isTrue(properties.get("hidden")),
                level != null && level.canConvertToInt() ? level.intValue() : null);
    }

    private static String valueOf(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static List<String> states(Map<String, JsonNode> properties) {
        List<String> states = new ArrayList<>();
        addIf(states, "focusable", isTrue(properties.get("focusable")));
        addIf(states, "focused", isTrue(properties.get("focused")));
        addIf(states, "disabled", isTrue(properties.get("disabled")));
        JsonNode checked = properties.get("checked");
        addIf(states, "checked", isTrue(checked));
        addIf(states, "mixed", checked != null && checked.asText().equals("mixed"));
        addIf(states, "selected", isTrue(properties.get("selected")));
        JsonNode expanded = properties.get("expanded");
        addIf(states, "expanded", isTrue(expanded));
        addIf(states, "collapsed", expanded != null && !isTrue(expanded));
        addIf(states, "required", isTrue(properties.get("required")));
        addIf(states, "readonly", isTrue(properties.get("readonly")));
        return states;
    }

    /** AX booleans and tristates arrive as {@code true} or {@code "true"}. */
    private static boolean isTrue(JsonNode value) {
        return value != null && (value.asBoolean(false) || value.asText().equals("true"));
    }

    private static void addIf(List<String> states, String state, boolean condition) {
        if (condition) {
            states.add(state);
        }
    }
}
