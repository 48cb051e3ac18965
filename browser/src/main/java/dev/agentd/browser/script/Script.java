package dev.agentd.browser.script;

import java.util.List;

/**
 * A validated script (browser §7.1).
 *
 * @param defaultTimeoutMs replaces every op's default {@code timeout_ms}, or null
 */
public record Script(List<Step> steps, boolean stopOnError, Integer defaultTimeoutMs) {
    public static final int MAX_STEPS = 1000;

    public Script {
        steps = List.copyOf(steps);
    }

    /** The limit a step runs under: its own, else the script default, else the op default. */
    public int timeoutMsOf(Step step) {
        if (step.options().timeoutMs() != null) {
            return step.options().timeoutMs();
        }
        return defaultTimeoutMs != null ? defaultTimeoutMs : step.defaultTimeoutMs();
    }
}
