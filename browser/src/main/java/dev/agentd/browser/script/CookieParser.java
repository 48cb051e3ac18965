package dev.agentd.browser.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code set_cookies} op's {@code cookies} array (browser §7.3). */
final class CookieParser {
    private static final int MAX_COOKIES = 100;
    private static final Set<String> SAME_SITE = Set.of("Strict", "Lax", "None");

    private CookieParser() {}

    static List<Cookie> parse(Fields step) {
        JsonNode array = step.first("cookies").map(Fields.Field::value)
                .orElseThrow(() -> step.problem("cookies", "required"));
        if (!array.isArray()) {
            throw step.problem("cookies", "expected an array");
        }
        if (array.isEmpty() || array.size() > MAX_COOKIES) {
            throw step.problem("cookies", array.size() + " cookies (expected: 1-" + MAX_COOKIES + ")");
        }
        List<Cookie> cookies = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            cookies.add(cookie(array.get(i), step.path("cookies[" + i + "]")));
        }
        return cookies;
    }

    private static Cookie cookie(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidScriptException(path, "expected an object");
        }
        Fields fields = new Fields(node, path);
        String name = fields.requiredString("name");
        String value = fields.requiredString("value");
        String url = fields.string("url").orElse(null);
        String domain = fields.string("domain").orElse(null);
        if (url == null && domain == null) {
            throw new InvalidScriptException(path, "expected url or domain");
        }
        String sameSite = fields.string("same_site").orElse(null);
        if (sameSite != null && !SAME_SITE.contains(sameSite)) {
            throw fields.problem("same_site", "\"" + sameSite + "\" (expected: Strict, Lax, None)");
        }
        return new Cookie(name, value, url, domain,
                fields.string("path").orElse(null),
                fields.has("secure") ? fields.bool("secure", false) : null,
                fields.has("http_only") ? fields.bool("http_only", false) : null,
                sameSite,
                fields.number("expires").orElse(null));
    }
}
