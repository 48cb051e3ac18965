package dev.agentd.daemon.mcp.tools;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress stages of one tool call (mcp §12.3): stage {@code n} of {@code total} is reported
 * once, in order, when it completes. The memory service reaches the inner stages through
 * callbacks ({@link #reach}); {@link #completeAll} reports what is left once the service call has
 * returned, which also covers calls where an inner stage did not happen as such (a delete that
 * matched nothing changes no graph, yet its call is still applied and durable).
 */
final class ProgressStages {
    private static final Logger log = LoggerFactory.getLogger(ProgressStages.class);

    private final List<String> messages;
    private final ToolProgress progress;
    private int reported;

    ProgressStages(List<String> messages, ToolProgress progress) {
        this.messages = messages;
        this.progress = progress;
    }

    /** A callback for the memory service that reports every stage up to {@code stage} (1-based). */
    Runnable reach(int stage) {
        return () -> reportThrough(stage);
    }

    /** Reports every stage not reported yet; the call has succeeded. */
    void completeAll() {
        reportThrough(messages.size());
    }

    private synchronized void reportThrough(int stage) {
        while (reported < stage) {
            reported++;
            report(reported);
        }
    }

    /**
     * A failing listener must not fail the memory operation it observes: the callbacks run inside
     * the engine (between the apply and the journal sync, under a read lock).
     */
    private void report(int stage) {
        try {
            progress.report(stage, messages.size(), messages.get(stage - 1));
        } catch (RuntimeException e) {
            log.warn("progress listener failed at stage {} ({}): {}", stage, messages.get(stage - 1), e.toString());
        }
    }
}
