package dev.agentd.daemon.memory;

import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.memgine.MemoryChange;
import dev.agentd.protocol.client.RpcClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change events of memory §1.2 as an in-process listener (the MCP endpoint, later) receives them:
 * one per acknowledged mutation, in commit order per graph, on the service's own thread; none for
 * a delete that matched nothing or for {@code memory.update_status}.
 */
class MemoryChangesE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private final List<MemoryChange> changes = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private Runnable unsubscribe;

    @BeforeEach
    void listen() {
        unsubscribe = agentd.daemon().memory().onChange(change -> {
            changes.add(change);
            threads.add(Thread.currentThread().getName());
        });
    }

    @AfterEach
    void stopListening() {
        unsubscribe.run();
    }

    private List<MemoryChange> changesOf(String label) {
        return changes.stream().filter(change -> change.graph().equals(label)).toList();
    }

    @Test
    void everyAcknowledgedWritePublishesOneChangeInCommitOrder() {
        String namespace = MemoryConnections.uniqueNamespace("changes");
        RpcClient client = MemoryConnections.namespace(agentd, namespace);
        for (int i = 0; i < 20; i++) {
            client.call("memory.add_fact", fact("subject " + i, "body " + i), TIMEOUT);
        }
        client.call("memory.delete", Map.of("id", "ws-subject-0"), TIMEOUT);
        client.call("memory.delete", Map.of("id", "ws-nothing"), TIMEOUT);
        client.call("memory.update_status", Map.of("body", "busy"), TIMEOUT);
        client.call("memory.save_knowledge", fact("k", "v"), TIMEOUT);
        client.call("memory.add_turn", Map.of("speaker", "user", "text", "hello"), TIMEOUT);

        String label = "ns:" + namespace;
        await("23 changes").atMost(TIMEOUT).until(() -> changesOf(label).size() == 23);
        List<MemoryChange> received = changesOf(label);
        assertThat(received.subList(0, 20)).extracting(MemoryChange::factCount)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(received.get(0)).isEqualTo(new MemoryChange("add_fact", label, "ws-subject-0", "subject 0", 1));
        assertThat(received.subList(20, 23)).extracting(MemoryChange::op)
                .containsExactly("delete", "save_knowledge", "add_turn");
        assertThat(received.get(20)).isEqualTo(new MemoryChange("delete", label, "ws-subject-0", null, 19));
        assertThat(threads).allMatch(name -> name.startsWith("agentd-memory-changes"));
    }

    @Test
    void sharedGraphChangesCarryTheSharedLabel() {
        String subject = MemoryConnections.uniqueNamespace("shared-change");

        agentd.connect().call("memory.add_fact", fact(subject, "b"), TIMEOUT);

        await("the shared change").atMost(TIMEOUT).until(() -> changesOf("shared").stream()
                .anyMatch(change -> subject.equals(change.subject())));
    }
}
