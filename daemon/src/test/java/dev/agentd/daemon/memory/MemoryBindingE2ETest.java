package dev.agentd.daemon.memory;

import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.bodiesFound;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which graph a connection acts on (memory §1.1, core §5 and §6.3): namespace, agent and shared
 * bindings, re-auth, concurrent first binds, directory names, and a graph that cannot be loaded at
 * bind time. Covers memory §12 checks 1 (WebSocket part) and 2, core §19 checks 19 and 23.
 */
class MemoryBindingE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final AtomicInteger AGENTS = new AtomicInteger();

    private static String unique(String prefix) {
        return MemoryConnections.uniqueNamespace(prefix);
    }

    private static String newAgent(RpcClient admin) {
        String id = "mem-agent-" + AGENTS.incrementAndGet();
        MemoryConnections.registerAgent(admin, id);
        return id;
    }

    /** Memory check 1 and core check 19. */
    @Test
    void eachBindingSeesOnlyItsOwnGraph() {
        String a = unique("A");
        String b = unique("B");
        String marker = unique("marker");
        RpcClient onA = MemoryConnections.namespace(agentd, a);
        RpcClient onB = MemoryConnections.namespace(agentd, b);
        RpcClient unbound = agentd.connect();
        RpcClient onAgent = MemoryConnections.agent(agentd, newAgent(unbound));

        onA.call("memory.add_fact", fact(marker, "written on A"), TIMEOUT);
        onB.call("memory.add_fact", fact(marker, "written on B"), TIMEOUT);
        onAgent.call("memory.add_fact", fact(marker, "written on the agent"), TIMEOUT);
        unbound.call("memory.add_fact", fact(marker, "written unbound"), TIMEOUT);
        RpcClient secondOnA = MemoryConnections.namespace(agentd, a);

        assertThat(bodiesFound(onA, marker)).containsExactly("written on A");
        assertThat(bodiesFound(secondOnA, marker)).containsExactly("written on A");
        assertThat(bodiesFound(onB, marker)).containsExactly("written on B");
        assertThat(bodiesFound(onAgent, marker)).containsExactly("written on the agent");
        assertThat(bodiesFound(unbound, marker)).containsExactly("written unbound");
    }

    @Test
    void theHostRoleAndTheDaemonTokenShareTheSharedGraph() {
        String marker = unique("shared");
        RpcClient client = agentd.connect();
        RpcClient host = agentd.connectHost();

        client.call("memory.add_fact", fact(marker, "visible to the host"), TIMEOUT);

        assertThat(bodiesFound(host, marker)).containsExactly("visible to the host");
        assertThat(agentd.root().resolve("memory/shared/journal.jsonl")).exists();
    }

    /** An agent's graph outlives its connection; a namespace given with the agent token wins. */
    @Test
    void agentTokenBindsTheAgentGraphAndANamespaceOverridesIt() {
        RpcClient admin = agentd.connect();
        String id = newAgent(admin);
        String marker = unique("agent-fact");
        String namespace = unique("agent-ns");
        RpcClient first = MemoryConnections.agent(agentd, id);
        first.call("memory.add_fact", fact(marker, "remembered by the agent"), TIMEOUT);
        first.close();

        RpcClient again = MemoryConnections.namespace(agentd, unique("elsewhere"));
        Map<String, String> withNamespace = new HashMap<>(MemoryConnections.agentCredential(agentd.root(), id));
        withNamespace.put("memory_namespace", namespace);
        awaitRebind(again, MemoryConnections.agentCredential(agentd.root(), id));
        List<String> onAgentGraph = bodiesFound(again, marker);
        again.call("session.auth", withNamespace, TIMEOUT);
        List<String> onNamespaceGraph = bodiesFound(again, marker);

        assertThat(onAgentGraph).containsExactly("remembered by the agent");
        assertThat(onNamespaceGraph).isEmpty();
        assertThat(agentd.root().resolve("memory/agents").resolve(id).resolve("journal.jsonl")).exists();
    }

    /** The binding of a closed connection is released asynchronously; retry until it is. */
    private static void awaitRebind(RpcClient client, Map<String, String> credential) {
        await("the closed connection's binding is released").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> client.call("session.auth", credential, TIMEOUT).has("agent_id"));
    }

    @Test
    void reAuthSwitchesTheGraphAsAWhole() {
        String a = unique("switch-a");
        String b = unique("switch-b");
        String marker = unique("switch");
        RpcClient writerA = MemoryConnections.namespace(agentd, a);
        writerA.call("memory.add_fact", fact(marker, "in A"), TIMEOUT);
        RpcClient writerB = MemoryConnections.namespace(agentd, b);
        writerB.call("memory.add_fact", fact(marker, "in B"), TIMEOUT);
        RpcClient client = MemoryConnections.namespace(agentd, a);

        List<String> first = bodiesFound(client, marker);
        client.call("session.auth", Map.of("token", agentd.authToken(), "memory_namespace", b), TIMEOUT);
        List<String> second = bodiesFound(client, marker);
        client.call("session.auth", Map.of("token", agentd.authToken()), TIMEOUT);
        List<String> third = bodiesFound(client, marker);

        assertThat(first).containsExactly("in A");
        assertThat(second).containsExactly("in B");
        assertThat(third).isEmpty();
    }

    /** Concurrent first binds open the graph once: every connection writes to, and sees, the same graph. */
    @Test
    void concurrentFirstBindsShareOneGraph() {
        String namespace = unique("race");
        List<RpcClient> clients = IntStream.range(0, 8).mapToObj(i -> agentd.open()).toList();

        List<CompletableFuture<JsonNode>> binds = clients.stream().map(client -> client.callAsync("session.auth",
                Map.of("token", agentd.authToken(), "memory_namespace", namespace))).toList();
        binds.forEach(CompletableFuture::join);
        List<CompletableFuture<JsonNode>> writes = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            writes.add(clients.get(i).callAsync("memory.add_fact", fact("racer " + i, "body " + i)));
        }
        writes.forEach(CompletableFuture::join);

        for (RpcClient client : clients) {
            assertThat(MemoryConnections.factCount(client)).isEqualTo(8);
        }
    }

    /** Memory check 2. */
    @Test
    void namespaceDirectoriesAreFsNamesInsideTheNamespacesDirectory() throws Exception {
        Map<String, String> expected = Map.of("..", "%2e.", ".", "%2e", "a/b", "a%2fb", "Ab", "%41b", "%", "%25");
        for (String namespace : expected.keySet()) {
            RpcClient client = MemoryConnections.namespace(agentd, namespace);
            client.call("memory.add_fact", fact("where", "in " + namespace), TIMEOUT);
            assertThat(bodiesFound(client, "where")).containsExactly("in " + namespace);
        }

        Path namespaces = agentd.root().resolve("memory/namespaces");
        for (String directory : expected.values()) {
            assertThat(namespaces.resolve(directory).resolve("journal.jsonl")).isRegularFile();
            assertThat(namespaces.resolve(directory).toRealPath().getParent()).isEqualTo(namespaces.toRealPath());
        }
    }

    /** Core check 23. */
    @Test
    void factCountWorksWithoutAHandshake() {
        RpcClient client = agentd.connect();

        JsonNode count = client.call("memory.fact_count", null, TIMEOUT);

        assertThat(count.isInt()).as("a number: %s", count).isTrue();
    }

    /** Core §6.3: a graph that cannot be loaded fails the auth and the connection keeps its principal. */
    @Test
    void aGraphThatCannotBeLoadedFailsTheAuthAndKeepsThePreviousState() throws Exception {
        RpcClient admin = agentd.connect();
        String agent = newAgent(admin);
        String broken = unique("broken");
        Path snapshot = MemoryConnections.namespaceDirectory(agentd.root(), broken).resolve("snapshot.json");
        Files.createDirectories(snapshot.getParent());
        Files.writeString(snapshot, "{\"format\":\"agentd-memgine-snapshot\",");
        byte[] before = Files.readAllBytes(snapshot);
        RpcClient client = MemoryConnections.agent(agentd, agent);
        String marker = unique("kept");
        client.call("memory.add_fact", fact(marker, "on the agent graph"), TIMEOUT);
        Map<String, String> toBroken = new HashMap<>(MemoryConnections.agentCredential(agentd.root(), agent));
        toBroken.put("memory_namespace", broken);

        for (int attempt = 0; attempt < 6; attempt++) {
            assertRpcErrorStartsWith(() -> client.call("session.auth", toBroken, TIMEOUT),
                    -32603, "memory graph could not be loaded: ");
        }

        assertThat(bodiesFound(client, marker)).as("still on the agent graph").containsExactly("on the agent graph");
        assertThatJson(agentRow(admin, agent)).isObject().containsEntry("attached", true);
        assertThat(Files.readAllBytes(snapshot)).isEqualTo(before);
        assertThat(snapshot.getParent().resolve("journal.jsonl")).doesNotExist();
    }

    private static JsonNode agentRow(RpcClient admin, String id) {
        for (JsonNode row : admin.call("agents.list", null, TIMEOUT)) {
            if (row.at("/spec/id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + id);
    }

    /** Status slots belong to the connection and survive its re-auth (memory §3.6). */
    @Test
    void statusSlotsArePrivateToTheConnection() {
        RpcClient owner = MemoryConnections.namespace(agentd, unique("status"));
        RpcClient other = MemoryConnections.namespace(agentd, unique("status"));
        owner.call("memory.update_status", Map.of("body", "working"), TIMEOUT);

        JsonNode fromOther = other.call("memory.delete", Map.of("id", "proactive-status:global"), TIMEOUT);
        owner.call("session.auth", Map.of("token", agentd.authToken()), TIMEOUT);
        JsonNode fromOwner = owner.call("memory.delete", Map.of("id", "proactive-status:global"), TIMEOUT);

        assertThatJson(fromOther).isObject().containsEntry("deleted", false);
        assertThatJson(fromOwner).isObject().containsEntry("deleted", true).containsEntry("kind", "status");
    }
}
