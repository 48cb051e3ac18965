package dev.agentd.browser.testing;

import dev.agentd.browser.BrowserLaunchException;
import dev.agentd.browser.launch.ChromiumResolver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether real-Chromium tests can run, decided with the product's own resolver (browser §13.3),
 * and what to do when they cannot: skip, or fail under {@code -Dagentd.strict=true}.
 */
public final class ChromiumAvailability {
    public static final String STRICT_PROPERTY = "agentd.strict";

    private ChromiumAvailability() {}

    /** The binary the product would launch, or the reason there is none. */
    public static Optional<String> missingReason(Map<String, String> environment) {
        try {
            new ChromiumResolver(environment).resolve();
            return Optional.empty();
        } catch (BrowserLaunchException e) {
            return Optional.of(e.tail());
        }
    }

    public static Path binary(Map<String, String> environment) {
        return new ChromiumResolver(environment).resolve();
    }

    public static boolean strict() {
        return Boolean.parseBoolean(System.getProperty(STRICT_PROPERTY, "false"));
    }

    /** What a missing Chromium means for a test. */
    public enum Verdict { RUN, SKIP, FAIL }

    public static Verdict verdict(Optional<String> missingReason, boolean strict) {
        if (missingReason.isEmpty()) {
            return Verdict.RUN;
        }
        return strict ? Verdict.FAIL : Verdict.SKIP;
    }
}
