package dev.agentd.daemon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host check 21: while four connections mutate continuously, a client that subscribes mid-stream
 * and applies the algorithm of host §7 ends with exactly the registry {@code host.agents} and
 * {@code host.approvals} report once the mutations stop — 50 rounds, each with a new observer
 * connection, against one daemon whose registry keeps growing across rounds.
 */
class HostConsistencyE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final int ROUNDS = 50;
    private static final int MUTATORS = 4;
    private static final int OPERATIONS_BEFORE_SUBSCRIBING = 20;
    private static final int OPERATIONS_WHILE_SUBSCRIBED = 60;
    private static final int FINISHED_APPROVALS_RETAINED = 256;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger operations = new AtomicInteger();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aMidStreamSubscriberConvergesOnTheRegistry() throws Exception {
        List<Mutator> mutators = new ArrayList<>();
        for (int i = 0; i < MUTATORS; i++) {
            mutators.add(new Mutator(HostClient.connect(agentd)));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            AtomicBoolean mutating = new AtomicBoolean(true);
            List<CompletableFuture<Void>> running = mutators.stream()
                    .map(mutator -> CompletableFuture.runAsync(() -> mutator.runWhile(mutating), threads))
                    .toList();
            HostClient observer = HostClient.connect(agentd);
            HostMirror mirror = new HostMirror(observer.rpc());
            int start = operations.get();
            await().atMost(HostClient.TIMEOUT).pollInterval(Duration.ofMillis(2))
                    .until(() -> operations.get() >= start + OPERATIONS_BEFORE_SUBSCRIBING);

            mirror.subscribe();
            int subscribedAt = operations.get();
            while (operations.get() < subscribedAt + OPERATIONS_WHILE_SUBSCRIBED) {
                mirror.applyNext(Duration.ofMillis(10));
            }
            mutating.set(false);
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long latest = observer.call("host.events", "{\"limit\":1}").at("/events/0/sequence").asLong();
            mirror.applyUntil(latest, HostClient.TIMEOUT);

            assertThat(mirror.agents()).as("agents in round %d", round).isEqualTo(byId(observer.call("host.agents", "{}")));
            assertApprovalsConverged(mirror.approvals(), byId(observer.call("host.approvals", "{}").get("approvals")), round);
            observer.close();
        }
    }

    /**
     * Equal, except that the daemon drops its oldest finished approvals beyond 256 without an
     * event (host §3): the mirror may still hold such rows, finished and no newer than any kept.
     */
    private static void assertApprovalsConverged(Map<String, JsonNode> mirror, Map<String, JsonNode> daemon, int round) {
        Map<String, JsonNode> kept = new LinkedHashMap<>(mirror);
        kept.keySet().retainAll(daemon.keySet());
        assertThat(kept).as("approvals in round %d", round).isEqualTo(daemon);
        List<JsonNode> dropped = mirror.values().stream().filter(approval -> !daemon.containsKey(approval.get("id").asText())).toList();
        if (dropped.isEmpty()) {
            return;
        }
        List<JsonNode> finished = daemon.values().stream().filter(approval -> !isPending(approval)).toList();
        assertThat(finished).as("finished approvals kept in round %d", round).hasSize(FINISHED_APPROVALS_RETAINED);
        String oldestKept = finished.stream().map(approval -> approval.get("resolved_at").asText()).sorted().findFirst().orElseThrow();
        assertThat(dropped).as("approvals only the mirror holds in round %d", round)
                .allSatisfy(approval -> {
                    assertThat(isPending(approval)).isFalse();
                    assertThat(approval.get("resolved_at").asText()).isLessThanOrEqualTo(oldestKept);
                });
    }

    private static boolean isPending(JsonNode approval) {
        return approval.get("status").asText().equals("pending");
    }

    private static Map<String, JsonNode> byId(JsonNode rows) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.get("id").asText(), row));
        return byId;
    }

    /** One connection making random changes to its own rows; remembers them across rounds. */
    private final class Mutator {
        private final HostClient client;
        private final List<String> registered = new ArrayList<>();
        private final List<String> pending = new ArrayList<>();

        Mutator(HostClient client) {
            this.client = client;
        }

        void runWhile(AtomicBoolean mutating) {
            while (mutating.get()) {
                mutateOnce(ThreadLocalRandom.current());
                operations.incrementAndGet();
            }
        }

        private void mutateOnce(ThreadLocalRandom random) {
            String agentId = client.clientId() + "-" + random.nextInt(4);
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    client.call("host.register_agent", "{\"id\":\"" + agentId + "\",\"name\":\"n" + random.nextInt(100)
                            + "\",\"kind\":\"cli\"}");
                    if (!registered.contains(agentId)) {
                        registered.add(agentId);
                    }
                }
                case 2 -> {
                    if (!registered.isEmpty()) {
                        String status = List.of("idle", "running", "paused", "completed", "errored").get(random.nextInt(5));
                        client.call("host.set_status", "{\"agent_id\":\"" + registered.get(random.nextInt(registered.size()))
                                + "\",\"status\":\"" + status + "\",\"current_task\":\"t" + random.nextInt(100) + "\"}");
                    }
                }
                case 3 -> {
                    client.call("host.unregister_agent", "{\"agent_id\":\"" + agentId + "\"}");
                    registered.remove(agentId);
                }
                case 4 -> pending.add(client.call("host.request_approval",
                        "{\"agent_id\":\"" + agentId + "\",\"title\":\"t" + random.nextInt(100) + "\"}").get("id").asText());
                case 5 -> {
                    if (!pending.isEmpty()) {
                        client.call("host.resolve_approval", "{\"approval_id\":\"" + pending.remove(0)
                                + "\",\"approved\":" + random.nextBoolean() + "}");
                    }
                }
                default -> client.call("host.notify", "{\"message\":\"m\"}");
            }
        }
    }
}
