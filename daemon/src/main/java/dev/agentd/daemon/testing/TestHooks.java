package dev.agentd.daemon.testing;

/**
 * Test-only behaviour (core §18.1) exists only when the JVM runs with
 * {@code -Dagentd.test-hooks=true}; it is read once when a daemon starts.
 */
public final class TestHooks {
    public static final String PROPERTY = "agentd.test-hooks";

    private TestHooks() {}

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }
}
