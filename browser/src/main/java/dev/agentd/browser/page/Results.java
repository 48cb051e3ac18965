package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;

/** Step results are JSON objects shaped per op (browser §7.3). */
final class Results {
    private Results() {}

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    /** Whole numbers are written as integers ({@code 18}, not {@code 18.0}). */
    static ObjectNode putNumber(ObjectNode node, String name, double value) {
        if (value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE) {
            return node.put(name, (long) value);
        }
        return node.put(name, value);
    }

    static ObjectNode withUrl(String url) {
        return object().put("url", url);
    }
}
