package dev.agentd.daemon.memory;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.memgine.GraphLimits;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory fault-injection hooks of core §18.1 armed on an in-process daemon, one daemon per
 * test: {@code memory.journal.fail-append} (memory §12 check 22), {@code memory.limits} for the
 * fold thresholds (check 23) and the node cap (§1.2).
 */
class MemoryHooksE2ETest {
    private static final String FAILED_PREFIX = "memory graph 'ns:victim' failed: journal I/O error: ";

    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    private TestHooks hooks() {
        return agentd.daemon().testHooks();
    }

    /** Check 22. */
    @Test
    void aFailedJournalAppendFailsThatGraphUntilARestart() throws Exception {
        RpcClient victim = MemoryConnections.namespace(agentd, "victim");
        RpcClient bystander = MemoryConnections.namespace(agentd, "bystander");
        victim.call("memory.add_fact", fact("kept", "acknowledged before the fault"), TIMEOUT);
        victim.call("memory.add_turn", Map.of("speaker", "user", "text", "also acknowledged"), TIMEOUT);

        hooks().arm(TestHooks.MEMORY_JOURNAL_FAIL_APPEND, "ns:victim");
        assertRpcErrorStartsWith(() -> victim.call("memory.add_fact", fact("lost", "never acknowledged"), TIMEOUT),
                -32603, FAILED_PREFIX);
        hooks().disarm(TestHooks.MEMORY_JOURNAL_FAIL_APPEND);

        assertRpcErrorStartsWith(() -> victim.call("memory.fact_count", null, TIMEOUT), -32603, FAILED_PREFIX);
        assertRpcErrorStartsWith(() -> MemoryConnections.query(victim, "kept"), -32603, FAILED_PREFIX);
        assertRpcErrorStartsWith(() -> MemoryConnections.namespace(agentd, "victim")
                .call("memory.add_fact", fact("again", "refused"), TIMEOUT), -32603, FAILED_PREFIX);
        bystander.call("memory.add_fact", fact("other", "unaffected"), TIMEOUT);
        assertThat(MemoryConnections.factCount(bystander)).isEqualTo(1);

        agentd.restart();

        RpcClient after = MemoryConnections.namespace(agentd, "victim");
        assertThat(MemoryConnections.factCount(after)).isEqualTo(1);
        assertThat(MemoryConnections.query(after, "kept").findValuesAsText("body"))
                .containsExactly("acknowledged before the fault");
        assertThat(MemoryConnections.context(after, "also")).contains("user: also acknowledged");
        assertThat(MemoryConnections.query(after, "lost")).isEmpty();
    }

    /** Check 23: with a 1 MiB fold threshold, 5 MiB of facts leave a small journal and a snapshot. */
    @Test
    void foldsKeepTheJournalUnderTheThresholdWhileQueriesGoOn() throws Exception {
        long threshold = 1 << 20;
        hooks().arm(TestHooks.MEMORY_LIMITS, new GraphLimits(1_000_000, threshold, 200_000));
        RpcClient writer = MemoryConnections.namespace(agentd, "big");
        RpcClient reader = MemoryConnections.namespace(agentd, "big");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> queries = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                MemoryConnections.query(reader, "chunk payload");
                answered.incrementAndGet();
            }
        });

        String body = "payload ".repeat(8000);
        for (int i = 0; i < 80; i++) {
            writer.call("memory.add_fact", fact("chunk " + i, body), TIMEOUT);
        }
        writing.set(false);
        queries.get();

        Path directory = MemoryConnections.namespaceDirectory(agentd.root(), "big");
        await("a fold after the last write").atMost(TIMEOUT)
                .until(() -> Files.size(directory.resolve("journal.jsonl")) < threshold);
        assertThat(directory.resolve("snapshot.json")).isRegularFile();
        assertThat(answered.get()).as("queries answered while writing and folding").isPositive();
        String context = MemoryConnections.context(writer, "chunk 7 payload");
        JsonNode hits = MemoryConnections.query(writer, "chunk 7 payload");

        agentd.restart();

        RpcClient after = MemoryConnections.namespace(agentd, "big");
        assertThat(MemoryConnections.factCount(after)).isEqualTo(80);
        assertThat(MemoryConnections.context(after, "chunk 7 payload")).isEqualTo(context);
        assertThat(MemoryConnections.query(after, "chunk 7 payload")).isEqualTo(hits);
    }

    /** Memory §1.2: beyond the node cap a write is -32603 and changes nothing. */
    @Test
    void aFullGraphRefusesNewNodes() {
        hooks().arm(TestHooks.MEMORY_LIMITS, new GraphLimits(3, 64L << 20, 200_000));
        RpcClient client = MemoryConnections.namespace(agentd, "small");
        for (int i = 0; i < 3; i++) {
            client.call("memory.add_fact", fact("fact " + i, "body"), TIMEOUT);
        }

        assertRpcError(() -> client.call("memory.add_fact", fact("one more", "body"), TIMEOUT),
                -32603, "memory graph 'ns:small' is full");
        assertRpcError(() -> client.call("memory.add_turn", Map.of("speaker", "user", "text", "hi"), TIMEOUT),
                -32603, "memory graph 'ns:small' is full");

        assertThat(MemoryConnections.factCount(client)).isEqualTo(3);
    }
}
