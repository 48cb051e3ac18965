package dev.agentd.browser.testing;

import dev.agentd.browser.BrowserSettings;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.ChromiumLauncher;
import dev.agentd.browser.launch.ChromiumResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A launcher wired to fakes (browser §13.1): the real resolver, launcher, process handling and
 * close sequence run against a fake Chromium process tree from {@link FakeChromium}, and CDP is a
 * {@link FakeCdpBrowser}. No real browser is involved.
 */
public final class FakeBrowserRig {
    public final FakeCdpBrowser cdp = new FakeCdpBrowser();
    public final Path root;
    public final ChromiumLauncher launcher;

    public FakeBrowserRig(Path tempDir) {
        this(tempDir, FakeChromium.tree(tempDir));
    }

    public FakeBrowserRig(Path tempDir, Path binary) {
        this(tempDir, binary, settings -> settings);
    }

    public FakeBrowserRig(Path tempDir, Path binary, UnaryOperator<BrowserSettings> customize) {
        this.root = tempDir.resolve("root");
        BrowserSettings settings = BrowserSettings.defaults(root)
                .withEnvironment(Map.of(ChromiumResolver.VARIABLE, binary.toString(), "PATH", "/usr/bin:/bin"))
                .withCloseTimeout(Duration.ofMillis(300))
                .withCommandTimeout(Duration.ofSeconds(5));
        this.launcher = new ChromiumLauncher(customize.apply(settings), cdp);
    }

    public BrowserSlot slot() {
        return new BrowserSlot(launcher);
    }

    public Path browserRunDir() {
        return launcher.settings().browserRunDir();
    }
}
