package dev.agentd.browser.page;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Step error kinds (browser §8.2). */
public enum ErrorKind {
    NAVIGATION_FAILED, ELEMENT_NOT_FOUND, INPUT_FAILED, ACCESSIBILITY_FAILED, SCREENSHOT_FAILED, TIMEOUT,
    UNSUPPORTED, INTERNAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
