package dev.agentd.browser.launch;

import dev.agentd.browser.BrowserLaunchException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Chromium binary (browser §4.1): {@code AGENTD_CHROMIUM} if set (an absolute path to
 * an executable regular file, no PATH fallback), else the first of four names on {@code PATH}.
 * The test suite's {@code @RequiresChromium} uses this same resolver.
 */
public final class ChromiumResolver {
    public static final String VARIABLE = "AGENTD_CHROMIUM";
    public static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome-stable", "google-chrome");
    public static final String NOT_FOUND = "no Chromium found (AGENTD_CHROMIUM unset; searched PATH for "
            + String.join(", ", NAMES) + "); install the Debian package 'chromium' or set AGENTD_CHROMIUM";

    private final Map<String, String> environment;

    public ChromiumResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The binary, or a launch failure with the specification's message. */
    public Path resolve() {
        String configured = environment.getOrDefault(VARIABLE, "");
        if (!configured.isEmpty()) {
            return configuredBinary(configured);
        }
        return searchPath().orElseThrow(() -> new BrowserLaunchException(NOT_FOUND));
    }

    private static Path configuredBinary(String value) {
        try {
            Path path = Path.of(value);
            if (path.isAbsolute() && isExecutableFile(path)) {
                return path;
            }
        } catch (InvalidPathException e) {
            // reported below like any other unusable value
        }
        throw new BrowserLaunchException(VARIABLE + "=" + value + " is not an executable file");
    }

    private Optional<Path> searchPath() {
        String searchPath = environment.getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
