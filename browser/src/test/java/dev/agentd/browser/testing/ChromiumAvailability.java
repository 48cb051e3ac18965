package dev.agentd.browser.testing;

import dev.agentd.browser.BrowserLaunchException;
import dev.agentd.browser.launch.ChromiumResolver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether real-Chromium tests can run, decided with the product's own resolver (browser §13.3);
 * what to do when they cannot is {@link ToolRequirement}'s decision.
 */
public final class ChromiumAvailability {
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
}
