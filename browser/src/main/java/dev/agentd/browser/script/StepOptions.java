package dev.agentd.browser.script;

/**
 * Fields every step may carry (browser §7.2).
 *
 * @param timeoutMs the step's own {@code timeout_ms}, or null for the default
 * @param mapId     the map an element id must come from, or null
 * @param settleMs  how long click, keypress and type+submit watch for a navigation (default 50)
 */
public record StepOptions(Integer timeoutMs, String mapId, int settleMs) {
    public static final int DEFAULT_SETTLE_MS = 50;

    public static StepOptions defaults() {
        return new StepOptions(null, null, DEFAULT_SETTLE_MS);
    }
}
