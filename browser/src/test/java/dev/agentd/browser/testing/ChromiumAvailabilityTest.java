package dev.agentd.browser.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.browser.testing.ToolRequirement.Verdict;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@link RequiresChromium} decides (browser §13.3; the unit half of check 41, whose build
 * half is running the module with and without {@code -Dagentd.strict=true} on a machine without
 * Chromium).
 */
class ChromiumAvailabilityTest {
    @Test
    void missingChromiumSkipsNormallyAndFailsWhenStrict() {
        Optional<String> reason = ChromiumAvailability.missingReason(Map.of("PATH", ""));
        assertThat(reason).hasValueSatisfying(text -> assertThat(text)
                .startsWith("no Chromium found (AGENTD_CHROMIUM unset; searched PATH for chromium, chromium-browser, "
                        + "google-chrome-stable, google-chrome)")
                .endsWith("or set AGENTD_CHROMIUM"));
        assertThat(ToolRequirement.verdict(reason, false)).isEqualTo(Verdict.SKIP);
        assertThat(ToolRequirement.verdict(reason, true)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void presentChromiumRunsInBothModes() {
        assertThat(ToolRequirement.verdict(Optional.empty(), false)).isEqualTo(Verdict.RUN);
        assertThat(ToolRequirement.verdict(Optional.empty(), true)).isEqualTo(Verdict.RUN);
    }

    @Test
    void aBadVariableIsAReasonToo() {
        assertThat(ChromiumAvailability.missingReason(Map.of("AGENTD_CHROMIUM", "/nonexistent/chrome")))
                .contains("AGENTD_CHROMIUM=/nonexistent/chrome is not an executable file");
    }
}
