package dev.agentd.daemon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** cli §2.2 applied to {@code AGENTD_CHROMIUM} before the browser module's resolver sees it. */
class BrowserServiceTest {
    @Test
    void chromiumVariableIsTrimmed() {
        assertThat(BrowserService.normalized(Map.of("AGENTD_CHROMIUM", "  /opt/chromium/chrome \n", "PATH", "/usr/bin")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("AGENTD_CHROMIUM", "/opt/chromium/chrome", "PATH", "/usr/bin"));
    }

    @Test
    void blankChromiumVariableCountsAsUnset() {
        assertThat(BrowserService.normalized(Map.of("AGENTD_CHROMIUM", " \t", "PATH", "/usr/bin")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin"));
    }

    @Test
    void otherVariablesPassUnchanged() {
        assertThat(BrowserService.normalized(Map.of("DISPLAY", " :0 ", "AGENTD_HOME", "/home/a/.agentd")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("DISPLAY", " :0 ", "AGENTD_HOME", "/home/a/.agentd"));
    }
}
