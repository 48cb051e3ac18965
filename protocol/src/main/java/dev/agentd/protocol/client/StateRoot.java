package dev.agentd.protocol.client;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The state root directory (core §11, cli §3.1) and the well-known files in it that clients read.
 *
 * @param path absolute and normalized
 */
public record StateRoot(Path path) {
    public static final String HOME_VARIABLE = "AGENTD_HOME";

    public StateRoot {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("path: " + path + " (expected: absolute)");
        }
        path = path.normalize();
    }

    /**
     * {@code --home}, else {@code AGENTD_HOME}, else {@code ~/.agentd}. A relative value is a usage
     * error naming its origin and the value.
     *
     * @param homeOption the {@code --home} value, or null when the option was not given
     */
    public static StateRoot resolve(String homeOption, Environment environment) {
        if (homeOption != null) {
            return new StateRoot(absolute("--home", homeOption));
        }
        return environment.get(HOME_VARIABLE)
                .map(value -> new StateRoot(absolute(HOME_VARIABLE, value)))
                .orElseGet(() -> new StateRoot(Path.of(System.getProperty("user.home"), ".agentd")));
    }

    private static Path absolute(String origin, String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !path.isAbsolute()) {
            throw DiscoveryException.invalid(origin + " must be an absolute path, got '" + value + "'");
        }
        return path;
    }

    public Path authTokenFile() {
        return path.resolve("auth-token");
    }

    public Path hostTokenFile() {
        return path.resolve("host-token");
    }

    public Path daemonJsonFile() {
        return path.resolve("run").resolve("daemon.json");
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
