package dev.agentd.browser.testing;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's need for an external tool (Chromium, Node): with the tool the test runs; without it
 * the test is skipped with the reason, printed once per tool as a WARN line; with
 * {@code -Dagentd.strict=true} (CI) it fails with that reason instead. Each test method is judged
 * on its own, so every skipped test carries the reason in the Surefire report.
 */
public abstract class ToolRequirement implements ExecutionCondition, BeforeEachCallback {
    public static final String STRICT_PROPERTY = "agentd.strict";

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** What a missing tool means for a test. */
    public enum Verdict { RUN, SKIP, FAIL }

    public static boolean strict() {
        return Boolean.parseBoolean(System.getProperty(STRICT_PROPERTY, "false"));
    }

    public static Verdict verdict(Optional<String> missingReason, boolean strict) {
        if (missingReason.isEmpty()) {
            return Verdict.RUN;
        }
        return strict ? Verdict.FAIL : Verdict.SKIP;
    }

    /** The tool's name as the WARN line shows it. */
    protected abstract String tool();

    /** Why the tool cannot be used here, or empty when it can. */
    protected abstract Optional<String> missingReason();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = missingReason();
        boolean isTest = context.getTestMethod().isPresent();
        if (isTest && verdict(missing, strict()) == Verdict.SKIP) {
            if (WARNED.add(tool())) {
                System.err.println("WARN " + tool() + " tests skipped: " + missing.orElseThrow());
            }
            return ConditionEvaluationResult.disabled(missing.orElseThrow());
        }
        return ConditionEvaluationResult.enabled(tool() + ": " + missing.orElse("found"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<String> missing = missingReason();
        if (verdict(missing, strict()) == Verdict.FAIL) {
            Assertions.fail(missing.orElseThrow() + " (-Dagentd.strict=true)");
        }
    }
}
