package dev.agentd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.agentd.browser.launch.ChromiumCommandLine;
import dev.agentd.browser.script.InvalidScriptException;
import dev.agentd.browser.script.Script;
import dev.agentd.browser.script.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validated {@code browser.run} params (browser §2.1). Launch-only values that were not passed are
 * null, so a running browser can tell "not given" from "given and different" (§3.4).
 *
 * @param width     explicit viewport width (200–7680), or null
 * @param height    explicit viewport height (200–4320), or null
 * @param headed    explicit {@code headed}, or null
 * @param extraArgs explicit {@code extra_args}, or null
 */
public record RunRequest(Script script, Integer width, Integer height, Boolean headed, List<String> extraArgs) {
    public RunRequest {
        extraArgs = extraArgs == null ? null : List.copyOf(extraArgs);
    }

    /**
     * Validates everything (§7.5); throws {@link InvalidScriptException} (-32602) naming the first
     * problem. {@code params} absent or null is treated as {@code {}}.
     */
    public static RunRequest parse(JsonNode params) {
        if (params != null && !params.isNull() && !params.isMissingNode() && !params.isObject()) {
            throw new InvalidScriptException("params", "expected an object");
        }
        JsonNode object = params == null || !params.isObject() ? MissingNode.getInstance() : params;
        Script script = ScriptParser.parse(object.get("script"));
        return new RunRequest(script,
                integer(object, "width", 200, 7680),
                integer(object, "height", 200, 4320),
                bool(object, "headed"),
                extraArgs(object));
    }

    /** The options a launch by this call uses: given values, else the defaults. */
    public LaunchOptions launchOptions() {
        return new LaunchOptions(
                headed != null && headed,
                width != null ? width : LaunchOptions.DEFAULT_WIDTH,
                height != null ? height : LaunchOptions.DEFAULT_HEIGHT,
                extraArgs != null ? extraArgs : List.of());
    }

    private static Integer integer(JsonNode params, String name, int min, int max) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidScriptException(name, "expected an integer");
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new InvalidScriptException(name, value + " (expected: " + min + "-" + max + ")");
        }
        return value.intValue();
    }

    private static Boolean bool(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidScriptException(name, "expected a boolean");
        }
        return value.booleanValue();
    }

    private static List<String> extraArgs(JsonNode params) {
        JsonNode value = params.get("extra_args");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidScriptException("extra_args", "expected an array");
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String path = "extra_args[" + i + "]";
            JsonNode arg = value.get(i);
            if (!arg.isTextual()) {
                throw new InvalidScriptException(path, "expected a string");
            }
            if (!arg.asText().startsWith("--")) {
                throw new InvalidScriptException(path, "\"" + arg.asText() + "\" (expected: a flag starting with --)");
            }
            Optional<String> managed = ChromiumCommandLine.managedFlagNamedBy(arg.asText());
            if (managed.isPresent()) {
                throw new InvalidScriptException(path, arg.asText() + " names " + managed.get() + ", which agentd manages");
            }
            args.add(arg.asText());
        }
        return args;
    }
}
