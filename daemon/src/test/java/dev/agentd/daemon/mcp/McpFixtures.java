package dev.agentd.daemon.mcp;

import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.DaemonExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the MCP end-to-end tests need besides HTTP and the WebSocket clients of
 * {@link dev.agentd.daemon.memory.MemoryConnections}: a barrier on the memory service's change
 * feed and the next non-primer event of a stream.
 */
final class McpFixtures {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private McpFixtures() {}

    /**
     * Runs {@code writes}, then waits until the memory service has handed {@code count} changes of
     * graph {@code label} to its listeners. The MCP endpoint's listener was registered at start, and
     * the service calls listeners one change at a time in registration order on one thread, so
     * once this barrier has seen a change the endpoint has published it to every session.
     */
    static void writeAndAwaitPublished(DaemonExtension agentd, String label, int count, Runnable writes) {
        AtomicInteger seen = new AtomicInteger();
        Runnable unsubscribe = agentd.daemon().memory().onChange(change -> {
            if (change.graph().equals(label)) {
                seen.incrementAndGet();
            }
        });
        try {
            writes.run();
            await("%d changes of %s published".formatted(count, label)).atMost(TIMEOUT)
                    .until(() -> seen.get() >= count);
        } finally {
            unsubscribe.run();
        }
    }

    /** The next event that is not a primer (mcp §8.7). */
    static SseReader.Event nextMessage(SseReader events) {
        while (true) {
            SseReader.Event event = events.nextEvent(TIMEOUT);
            if (!event.isPrimer()) {
                return event;
            }
        }
    }
}
