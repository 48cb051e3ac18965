package dev.agentd.memgine.context;

/**
 * The token budget of memory §6.1: {@code B = 8000} without a window, else
 * {@code max(2000, floor(max(0, W − 4096) × 0.40))}; Facts get {@code floor(0.50·B)},
 * Conversation {@code floor(0.30·B)}. Integer arithmetic, so no rounding surprises.
 */
public record ContextBudget(int total, int facts, int conversation) {
    public static final int DEFAULT_TOTAL = 8000;
    public static final int MIN_TOTAL = 2000;
    public static final int RESERVED_WINDOW = 4096;

    public static ContextBudget forWindow(Integer modelContextWindow) {
        long total = DEFAULT_TOTAL;
        if (modelContextWindow != null) {
            long usable = Math.max(0, modelContextWindow - RESERVED_WINDOW);
            total = Math.max(MIN_TOTAL, usable * 2 / 5);
        }
        return new ContextBudget((int) total, (int) (total / 2), (int) (total * 3 / 10));
    }
}
