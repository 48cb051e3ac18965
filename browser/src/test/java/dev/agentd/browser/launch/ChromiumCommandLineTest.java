package dev.agentd.browser.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.browser.LaunchOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flag composition of browser §4.2 (check 6). */
class ChromiumCommandLineTest {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path PROFILE = Path.of("/root/.agentd/run/browser/profile-0123456789abcdef");

    @Test
    void headlessAsRootInSpecOrder() {
        List<String> command = ChromiumCommandLine.of(BINARY, PROFILE,
                new LaunchOptions(false, 1280, 720, List.of("--lang=de", "--force-dark-mode")), 0);
        assertThat(command).containsExactly(
                "/usr/bin/chromium",
                "--headless=new",
                "--remote-debugging-port=0",
                "--user-data-dir=" + PROFILE,
                "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-smooth-scrolling",
                "--disable-dev-shm-usage", "--metrics-recording-only", "--mute-audio", "--password-store=basic",
                "--window-size=1280,720",
                "--no-sandbox",
                "--lang=de", "--force-dark-mode",
                "about:blank");
    }

    @Test
    void sandboxStaysOnForEveryOtherUser() {
        for (int uid : new int[] {1000, 1, 65534, EffectiveUid.UNKNOWN}) {
            assertThat(ChromiumCommandLine.of(BINARY, PROFILE, LaunchOptions.defaults(), uid))
                    .as("uid %d", uid).doesNotContain("--no-sandbox");
        }
    }

    @Test
    void headedHasNoHeadlessFlag() {
        List<String> command = ChromiumCommandLine.of(BINARY, PROFILE, new LaunchOptions(true, 800, 600, List.of()), 1000);
        assertThat(command).noneMatch(arg -> arg.startsWith("--headless"));
        assertThat(command).contains("--window-size=800,600");
        assertThat(command.get(command.size() - 1)).isEqualTo("about:blank");
    }

    @Test
    void extraArgsFollowEveryManagedFlagAndNoOriginFlagEverAppears() {
        List<String> command = ChromiumCommandLine.of(BINARY, PROFILE,
                new LaunchOptions(false, 1280, 720, List.of("--lang=de")), 0);
        int extra = command.indexOf("--lang=de");
        assertThat(extra).isGreaterThan(command.indexOf("--no-sandbox"));
        assertThat(extra).isGreaterThan(command.indexOf("--window-size=1280,720"));
        assertThat(extra).isEqualTo(command.size() - 2);
        for (int uid : new int[] {0, 1000}) {
            for (boolean headed : new boolean[] {true, false}) {
                assertThat(ChromiumCommandLine.of(BINARY, PROFILE, new LaunchOptions(headed, 1280, 720, List.of()), uid))
                        .noneMatch(arg -> arg.startsWith("--remote-allow-origins"));
            }
        }
    }

    @Test
    void managedFlagsAreRecognisedWithOrWithoutValue() {
        assertThat(ChromiumCommandLine.managedFlagNamedBy("--user-data-dir=/x")).contains("--user-data-dir");
        assertThat(ChromiumCommandLine.managedFlagNamedBy("--headless")).contains("--headless");
        assertThat(ChromiumCommandLine.managedFlagNamedBy("--headless-mode")).isEmpty();
        assertThat(ChromiumCommandLine.managedFlagNamedBy("--lang=de")).isEmpty();
    }
}
