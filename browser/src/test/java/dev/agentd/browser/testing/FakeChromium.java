package dev.agentd.browser.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-ins for the Chromium binary, used through {@code AGENTD_CHROMIUM} so the real resolver
 * and launcher run. They are shell scripts: the point is a real process tree on disk, not a
 * browser.
 */
public final class FakeChromium {
    /** The DevTools line the fakes print; the fake CDP connector ignores the address. */
    public static final String DEVTOOLS_LINE = "DevTools listening on ws://127.0.0.1:9/devtools/browser/fake";

    private FakeChromium() {}

    /**
     * Announces an endpoint and keeps a three-level tree alive (script → sh → sleep); every
     * process but the sleep carries the full command line, profile included.
     */
    public static Path tree(Path dir) {
        return script(dir, "fake-chromium", """
                sh -c 'sleep 600; exit 0' fake-child "$@" &
                sh -c 'sleep 600; exit 0' fake-child "$@" &
                echo "%s" >&2
                wait
                """.formatted(DEVTOOLS_LINE));
    }

    /**
     * Like {@link #tree}, but starts one more helper half a second after announcing the endpoint,
     * so it is missing from any snapshot taken at launch; the helper's own child does not name
     * the profile.
     */
    public static Path lateHelper(Path dir) {
        return script(dir, "late-chromium", """
                echo "%s" >&2
                sleep 0.5
                sh -c 'sleep 600; exit 0' late-helper "$@" &
                wait
                """.formatted(DEVTOOLS_LINE));
    }

    /** Prints {@code boom} to stderr and exits 1 (check 9). */
    public static Path failing(Path dir) {
        return script(dir, "failing-chromium", """
                echo boom >&2
                exit 1
                """);
    }

    /** Writes its pid to {@code pidFile}, then never prints the DevTools line (check 10). */
    public static Path silent(Path dir, Path pidFile) {
        return script(dir, "silent-chromium", """
                echo $$ > '%s'
                echo "starting, but never listening" >&2
                sh -c 'sleep 600; exit 0' silent-child "$@" &
                wait
                """.formatted(pidFile));
    }

    /** Like {@link #tree} after writing its environment to {@code envFile}. */
    public static Path dumpingEnvironment(Path dir, Path envFile) {
        return script(dir, "env-chromium", """
                env > '%s'
                sh -c 'sleep 600; exit 0' fake-child "$@" &
                echo "%s" >&2
                wait
                """.formatted(envFile, DEVTOOLS_LINE));
    }

    /** An executable {@code /bin/sh} script named {@code name} in {@code dir}. */
    public static Path script(Path dir, String name, String body) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
