package dev.agentd.browser.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (class) that needs a real Chromium (browser §13.3). Without one it is skipped
 * with the discovery reason, printed once as a WARN line; with {@code -Dagentd.strict=true} it
 * fails with that reason instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromiumExtension.class)
@Tag("chromium")
public @interface RequiresChromium {}
