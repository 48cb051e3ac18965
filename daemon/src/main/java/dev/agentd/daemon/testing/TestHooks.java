package dev.agentd.daemon.testing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only behaviour (core §18.1). It exists only when the JVM runs with
 * {@code -Dagentd.test-hooks=true}, read once when a daemon starts: then {@code test.block} is
 * registered and tests running the daemon in-process can arm the named fault-injection hooks.
 * Without the property nothing can be armed.
 */
public final class TestHooks {
    public static final String PROPERTY = "agentd.test-hooks";
    /** Receives a {@code java.util.function.LongConsumer} told the bytes of each tail_log read. */
    public static final String TAIL_LOG_READ_LOG = "agents.tail-log.read-log";
    /** Receives a {@code java.util.function.Consumer<Path>} told every path the run store opens or lists. */
    public static final String RUNS_STORE_OPEN_LOG = "runs.store.open-log";
    /** Armed with a graph label (String): that graph's next fold stops right after the snapshot rename. */
    public static final String MEMORY_FOLD_STOP_AFTER_RENAME = "memory.fold.stop-after-rename";
    /** Armed with a graph label (String): that graph's journal appends fail with an IOException. */
    public static final String MEMORY_JOURNAL_FAIL_APPEND = "memory.journal.fail-append";
    /** Armed with a {@code dev.agentd.memgine.GraphLimits}: node cap and fold thresholds of every graph. */
    public static final String MEMORY_LIMITS = "memory.limits";
    private static final Set<String> KNOWN = Set.of(TAIL_LOG_READ_LOG, RUNS_STORE_OPEN_LOG,
            MEMORY_FOLD_STOP_AFTER_RENAME, MEMORY_JOURNAL_FAIL_APPEND, MEMORY_LIMITS);

    private final boolean enabled;
    private final Map<String, Object> armed = new ConcurrentHashMap<>();

    private TestHooks(boolean enabled) {
        this.enabled = enabled;
    }

    /** Reads the system property now. */
    public static TestHooks fromSystemProperty() {
        return new TestHooks(Boolean.getBoolean(PROPERTY));
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    public boolean active() {
        return enabled;
    }

    public void arm(String hook, Object value) {
        if (!enabled) {
            throw new IllegalStateException("test hooks are off: start the JVM with -D" + PROPERTY + "=true");
        }
        if (!KNOWN.contains(hook)) {
            throw new IllegalArgumentException("hook: " + hook + " (expected one of " + KNOWN + ")");
        }
        armed.put(hook, value);
    }

    public void disarm(String hook) {
        armed.remove(hook);
    }

    /** Disarms {@code hook} only if it is armed with {@code value}; true if it was (a one-shot hook firing). */
    public boolean disarmIf(String hook, Object value) {
        return armed.remove(hook, value);
    }

    public <T> Optional<T> armed(String hook, Class<T> type) {
        return Optional.ofNullable(armed.get(hook)).map(type::cast);
    }
}
