package dev.agentd.browser.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses and validates a script (browser §7.1, §7.2, §7.5) before anything is launched. The first
 * problem is reported with its JSON path rooted at {@code params}, e.g.
 * {@code script.steps[2].url: required}.
 */
public final class ScriptParser {
    private static final String ROOT = "script";
    private static final int MAX_TIMEOUT_MS = 600_000;

    private ScriptParser() {}

    /** Parses the {@code script} param: an object, a bare array, or either inside a JSON string. */
    public static Script parse(JsonNode script) {
        if (script == null || script.isNull() || script.isMissingNode()) {
            throw new InvalidScriptException(ROOT, "required");
        }
        JsonNode value = script.isTextual() ? parseJson(script.asText()) : script;
        if (value.isArray()) {
            return new Script(steps(value, ROOT), true, null);
        }
        if (!value.isObject()) {
            throw new InvalidScriptException(ROOT, "expected an object or an array");
        }
        Fields fields = new Fields(value, ROOT);
        Fields.Field stepsField = fields.first("steps", "ops", "actions")
                .orElseThrow(() -> fields.problem("steps", "required"));
        if (!stepsField.value().isArray()) {
            throw fields.problem(stepsField.name(), "expected an array");
        }
        boolean stopOnError = fields.bool("stop_on_error", true);
        Integer defaultTimeoutMs = fields.integer("default_timeout_ms", 1, MAX_TIMEOUT_MS).orElse(null);
        return new Script(steps(stepsField.value(), fields.path(stepsField.name())), stopOnError, defaultTimeoutMs);
    }

    private static JsonNode parseJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidScriptException(ROOT, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<Step> steps(JsonNode array, String path) {
        if (array.size() > Script.MAX_STEPS) {
            throw new InvalidScriptException(path, "at most " + Script.MAX_STEPS + " steps (got " + array.size() + ")");
        }
        List<Step> steps = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            steps.add(step(array.get(i), path + "[" + i + "]"));
        }
        return steps;
    }

    private static Step step(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidScriptException(path, "expected an object");
        }
        Fields fields = new Fields(node, path);
        Fields.Field opField = fields.first("op", "action", "tool", "type")
                .orElseThrow(() -> fields.problem("op", "required"));
        if (!opField.value().isTextual()) {
            throw fields.problem(opField.name(), "expected a string");
        }
        String given = opField.value().asText();
        StepOptions options = options(fields);
        return switch (canonicalOp(given)) {
            case "navigate" -> new Step.Navigate(url(fields), options);
            case "observe" -> observe(fields, options);
            case "click" -> click(fields, options);
            case "type" -> type(fields, options);
            case "keypress" -> keypress(fields, options);
            case "scroll" -> scroll(fields, options);
            case "wait" -> WaitParser.parse(fields, options);
            case "screenshot" -> new Step.Screenshot(fields.bool("full_page", false), options);
            case "extract" -> new Step.Extract(elementId(fields),
                    fields.integer("max_chars", 1, 1_000_000).orElse(Step.Extract.DEFAULT_MAX_CHARS), options);
            case "set_cookies" -> new Step.SetCookies(CookieParser.parse(fields), options);
            default -> new Step.Unsupported(given, options);
        };
    }

    /** Lower-cased, with a leading {@code browse_} or {@code browser_} stripped. */
    static String canonicalOp(String given) {
        String name = given.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("browser_", "browse_")) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static StepOptions options(Fields fields) {
        return new StepOptions(
                fields.integer("timeout_ms", 1, MAX_TIMEOUT_MS).orElse(null),
                fields.string("map_id").orElse(null),
                fields.integer("settle_ms", 0, 5000).orElse(StepOptions.DEFAULT_SETTLE_MS));
    }

    static String elementId(Fields fields) {
        return fields.string("element_id", "id", "ref").orElse(null);
    }

    private static String url(Fields fields) {
        String url = fields.requiredString("url");
        if (url.equals("about:blank") || isHttpUrl(url)) {
            return url;
        }
        throw fields.problem("url", url + " (expected: an absolute http or https URL, or about:blank)");
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Step observe(Fields fields, StepOptions options) {
        return new Step.Observe(
                fields.bool("include_screenshot", false),
                fields.bool("interactive_only", true),
                fields.integer("max_elements", 1, 10_000).orElse(Step.Observe.DEFAULT_MAX_ELEMENTS),
                fields.bool("ocr", false),
                options);
    }

    private static Step click(Fields fields, StepOptions options) {
        String elementId = elementId(fields);
        Double x = fields.number("x").orElse(null);
        Double y = fields.number("y").orElse(null);
        if (elementId != null && (x != null || y != null)) {
            throw new InvalidScriptException(fields.path(), "expected either element_id or x and y, not both");
        }
        if (elementId == null && x == null && y == null) {
            throw new InvalidScriptException(fields.path(), "expected element_id, or x and y");
        }
        if (elementId == null && x == null) {
            throw fields.problem("x", "required with y");
        }
        if (elementId == null && y == null) {
            throw fields.problem("y", "required with x");
        }
        return new Step.Click(elementId, x, y, options);
    }

    private static Step type(Fields fields, StepOptions options) {
        return new Step.Type(
                fields.requiredString("text"),
                elementId(fields),
                fields.bool("clear", false),
                fields.bool("submit", false),
                options);
    }

    private static Step keypress(Fields fields, StepOptions options) {
        String name = fields.requiredString("key");
        Key key = Key.parse(name).orElseThrow(() -> fields.problem("key",
                "\"" + name + "\" (expected: a single character or one of " + Key.namesForMessage() + ")"));
        return new Step.Keypress(key, modifiers(fields), options);
    }

    private static List<Modifier> modifiers(Fields fields) {
        List<Modifier> modifiers = new ArrayList<>();
        JsonNode array = fields.first("modifiers").map(Fields.Field::value).orElse(null);
        if (array == null) {
            return modifiers;
        }
        if (!array.isArray()) {
            throw fields.problem("modifiers", "expected an array");
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "modifiers[" + i + "]";
            JsonNode element = array.get(i);
            if (!element.isTextual()) {
                throw fields.problem(path, "expected a string");
            }
            Modifier modifier = Modifier.parse(element.asText()).orElseThrow(() -> fields.problem(path,
                    "\"" + element.asText() + "\" (expected: shift, control, alt, meta, ctrl, cmd, option)"));
            if (!modifiers.contains(modifier)) {
                modifiers.add(modifier);
            }
        }
        return modifiers;
    }

    private static Step scroll(Fields fields, StepOptions options) {
        Double deltaY = fields.number("delta_y", "dy").orElse(null);
        Double deltaX = fields.number("delta_x", "dx").orElse(null);
        if (deltaY == null && deltaX == null) {
            throw fields.problem("delta_y", "required (or delta_x)");
        }
        return new Step.Scroll(deltaX == null ? 0 : deltaX, deltaY == null ? 0 : deltaY, elementId(fields), options);
    }
}
