package dev.agentd.browser.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One element of an observation (browser §6.2); {@code value} is null when the node has none. */
public record ObservedElement(String id, String role, String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) String value, Bounds bounds, List<String> states) {
    public ObservedElement {
        states = List.copyOf(states);
    }
}
