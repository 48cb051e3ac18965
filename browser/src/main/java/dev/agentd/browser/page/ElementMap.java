package dev.agentd.browser.page;

import java.util.List;
import java.util.Optional;

/**
 * One observation's {@code el_N → node} map (browser §6.1 step 6). Element ids index into
 * {@link #entries()}, which are in id order.
 */
public record ElementMap(String mapId, List<Entry> entries) {
    public ElementMap {
        entries = List.copyOf(entries);
    }

    /** One element: its id, the DOM node it stands for, and what it was when observed. */
    public record Entry(String elementId, long backendNodeId, String role, String name) {}

    public Optional<Entry> find(String elementId) {
        return entries.stream().filter(entry -> entry.elementId().equals(elementId)).findFirst();
    }

    /** {@code el_0..el_17}, for messages. */
    public String idRange() {
        if (entries.isEmpty()) {
            return "no elements";
        }
        return entries.get(0).elementId() + ".." + entries.get(entries.size() - 1).elementId();
    }
}
