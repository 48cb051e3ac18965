package dev.agentd.daemon.memory;

import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.client.RpcClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Memory bindings under {@code --no-auth} (core §6.5): a connection that never authenticates acts
 * on the shared graph; {@code session.auth} with any token value still binds a namespace.
 */
class MemoryNoAuthE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().noAuth().build();

    @Test
    void anUnauthenticatedConnectionUsesTheSharedGraphAndANamespaceStillBinds() {
        String marker = MemoryConnections.uniqueNamespace("no-auth");
        RpcClient unbound = agentd.open();
        RpcClient bound = agentd.open();
        bound.call("session.auth", Map.of("token", "", "memory_namespace", "team1"), TIMEOUT);

        unbound.call("memory.add_fact", fact(marker, "shared"), TIMEOUT);
        bound.call("memory.add_fact", fact(marker, "team1"), TIMEOUT);

        assertThat(MemoryConnections.query(unbound, marker).findValuesAsText("body")).containsExactly("shared");
        assertThat(MemoryConnections.query(bound, marker).findValuesAsText("body")).containsExactly("team1");
        assertThat(MemoryConnections.namespaceDirectory(agentd.root(), "team1").resolve("journal.jsonl")).exists();
    }
}
