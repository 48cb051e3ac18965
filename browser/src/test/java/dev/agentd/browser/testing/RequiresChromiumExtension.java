package dev.agentd.browser.testing;

import java.util.Optional;

/** The extension behind {@link RequiresChromium}: the product's own resolver decides (browser §13.3). */
public final class RequiresChromiumExtension extends ToolRequirement {
    @Override
    protected String tool() {
        return "Chromium";
    }

    @Override
    protected Optional<String> missingReason() {
        return ChromiumAvailability.missingReason(System.getenv());
    }
}
