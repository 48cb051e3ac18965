package dev.agentd.browser;

import dev.agentd.browser.launch.EffectiveUid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Daemon-wide browser configuration. Every limit of the specification is here so tests can
 * shorten it (browser §4.4).
 *
 * @param root           the state root; profiles and records live in {@code <root>/run/browser}
 * @param environment    the daemon's environment: read for discovery and the display, and passed
 *                       to Chromium minus every {@code AGENTD_*} variable
 * @param effectiveUid   decides {@code --no-sandbox} (only for 0)
 * @param launchTimeout  spawn to the DevTools line (20 s)
 * @param commandTimeout any single CDP command (30 s)
 * @param closeTimeout   {@code Browser.close} grace and the wait after killing (2 s each)
 * @param daemonPid      written into each browser record
 */
public record BrowserSettings(Path root, Map<String, String> environment, int effectiveUid,
        Duration launchTimeout, Duration commandTimeout, Duration closeTimeout, long daemonPid) {

    public BrowserSettings {
        root = root.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
        requirePositive("launchTimeout", launchTimeout);
        requirePositive("commandTimeout", commandTimeout);
        requirePositive("closeTimeout", closeTimeout);
    }

    /** The specification's limits, this process's environment, uid and pid. */
    public static BrowserSettings defaults(Path root) {
        return new BrowserSettings(root, System.getenv(), EffectiveUid.current(), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(2), ProcessHandle.current().pid());
    }

    /** {@code <root>/run/browser}: profiles and records. */
    public Path browserRunDir() {
        return root.resolve("run").resolve("browser");
    }

    public BrowserSettings withEnvironment(Map<String, String> newEnvironment) {
        return new BrowserSettings(root, newEnvironment, effectiveUid, launchTimeout, commandTimeout, closeTimeout, daemonPid);
    }

    public BrowserSettings withEffectiveUid(int uid) {
        return new BrowserSettings(root, environment, uid, launchTimeout, commandTimeout, closeTimeout, daemonPid);
    }

    public BrowserSettings withLaunchTimeout(Duration timeout) {
        return new BrowserSettings(root, environment, effectiveUid, timeout, commandTimeout, closeTimeout, daemonPid);
    }

    public BrowserSettings withCommandTimeout(Duration timeout) {
        return new BrowserSettings(root, environment, effectiveUid, launchTimeout, timeout, closeTimeout, daemonPid);
    }

    public BrowserSettings withCloseTimeout(Duration timeout) {
        return new BrowserSettings(root, environment, effectiveUid, launchTimeout, commandTimeout, timeout, daemonPid);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
