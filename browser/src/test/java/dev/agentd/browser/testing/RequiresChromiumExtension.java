package dev.agentd.browser.testing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension behind {@link RequiresChromium}. Each test method is judged on its own, so every
 * skipped test carries the discovery reason in the Surefire report.
 */
public final class RequiresChromiumExtension implements ExecutionCondition, BeforeEachCallback {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = ChromiumAvailability.missingReason(System.getenv());
        boolean isTest = context.getTestMethod().isPresent();
        if (isTest && ChromiumAvailability.verdict(missing, ChromiumAvailability.strict()) == ChromiumAvailability.Verdict.SKIP) {
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("WARN Chromium tests skipped: " + missing.orElseThrow());
            }
            return ConditionEvaluationResult.disabled(missing.orElseThrow());
        }
        return ConditionEvaluationResult.enabled("Chromium: " + missing.orElse("found"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<String> missing = ChromiumAvailability.missingReason(System.getenv());
        if (ChromiumAvailability.verdict(missing, ChromiumAvailability.strict()) == ChromiumAvailability.Verdict.FAIL) {
            Assertions.fail(missing.orElseThrow() + " (-Dagentd.strict=true)");
        }
    }
}
