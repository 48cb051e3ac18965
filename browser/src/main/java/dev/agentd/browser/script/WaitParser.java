package dev.agentd.browser.script;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code wait} op: exactly one of {@code condition} or {@code ms} (browser §7.3). */
final class WaitParser {
    private static final int MAX_MS = 600_000;

    private WaitParser() {}

    static Step.Wait parse(Fields fields, StepOptions options) {
        boolean hasCondition = fields.has("condition");
        boolean hasMs = fields.has("ms");
        if (hasCondition == hasMs) {
            throw new InvalidScriptException(fields.path(), hasMs
                    ? "expected exactly one of condition or ms, not both"
                    : "expected condition or ms");
        }
        if (hasMs) {
            return new Step.Wait(null, fields.integer("ms", 0, MAX_MS).orElseThrow(), options);
        }
        return new Step.Wait(condition(fields), null, options);
    }

    private static WaitCondition condition(Fields fields) {
        String name = fields.requiredString("condition");
        WaitCondition.Kind kind = Arrays.stream(WaitCondition.Kind.values())
                .filter(candidate -> candidate.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> fields.problem("condition", "\"" + name + "\" (expected: "
                        + Arrays.stream(WaitCondition.Kind.values()).map(WaitCondition.Kind::wireName)
                                .collect(Collectors.joining(", ")) + ")"));
        return switch (kind) {
            case PAGE_LOADED -> new WaitCondition(kind, null, null, null, null);
            case URL_CHANGED -> new WaitCondition(kind, fields.string("from_url").orElse(null), null, null, null);
            case TEXT -> new WaitCondition(kind, null, fields.requiredString("text"), null, null);
            case ELEMENT -> new WaitCondition(kind, null, null, fields.requiredString("name_contains"),
                    fields.string("role").orElse(null));
        };
    }
}
