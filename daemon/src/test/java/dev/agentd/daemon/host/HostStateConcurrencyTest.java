package dev.agentd.daemon.host;

import static dev.agentd.daemon.host.HostStateTest.approval;
import static dev.agentd.daemon.host.HostStateTest.notification;
import static dev.agentd.daemon.host.HostStateTest.register;
import static dev.agentd.daemon.host.HostStateTest.resolve;
import static dev.agentd.daemon.host.HostStateTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.Principal;
import dev.agentd.daemon.session.SessionRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Host §7 guarantees 1, 2 and 4 on {@link HostState} itself: while four threads mutate, every
 * snapshot equals the replay of the global log up to its {@code event_sequence}, and its
 * subscriber is offered exactly the events after it, contiguous.
 */
class HostStateConcurrencyTest {
    private static final int MUTATORS = 4;
    private static final int OPERATIONS_PER_MUTATOR = 400;
    private static final int SUBSCRIPTIONS = 200;

    private final SessionRegistry sessions = new SessionRegistry();
    private final HostState host = new HostState(
            HostIdentity.of("0.1.0", 1, Instant.now(), Path.of("agents.json")), Clock.systemUTC());
    private final ExecutorService threads = Executors.newFixedThreadPool(MUTATORS + 1);

    private record Subscription(HostSnapshot snapshot, RecordingSubscriber subscriber) {}

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void everySnapshotLinesUpWithTheEventsOfferedAfterIt() throws Exception {
        RecordingSubscriber log = new RecordingSubscriber();
        host.subscribe(sessions.open(null, Principal.CLIENT), log);

        List<CompletableFuture<Void>> mutators = new ArrayList<>();
        for (int i = 0; i < MUTATORS; i++) {
            ClientSession session = sessions.open(null, Principal.CLIENT);
            mutators.add(CompletableFuture.runAsync(() -> mutate(session), threads));
        }
        CompletableFuture<List<Subscription>> subscriptions = CompletableFuture.supplyAsync(this::subscribeRepeatedly, threads);
        CompletableFuture.allOf(mutators.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<Subscription> taken = subscriptions.get(60, TimeUnit.SECONDS);

        long last = log.events.get(log.events.size() - 1).sequence();
        assertThat(log.sequences()).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(taken).extracting(subscription -> subscription.snapshot().eventSequence()).doesNotHaveDuplicates().hasSizeGreaterThan(1);
        for (Subscription subscription : taken) {
            long baseline = subscription.snapshot().eventSequence();
            assertThat(subscription.subscriber().sequences())
                    .containsExactlyElementsOf(LongStream.rangeClosed(baseline + 1, last).boxed().toList());
            Replay replay = Replay.upTo(log.events, baseline);
            assertThat(subscription.snapshot().agents()).containsExactlyElementsOf(replay.agents.values());
            assertThat(subscription.snapshot().approvals()).containsExactlyInAnyOrderElementsOf(replay.approvals.values());
        }
    }

    private List<Subscription> subscribeRepeatedly() {
        List<Subscription> taken = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            RecordingSubscriber subscriber = new RecordingSubscriber();
            HostSnapshot snapshot = host.subscribe(sessions.open(null, Principal.CLIENT), subscriber);
            if (taken.isEmpty() || taken.get(taken.size() - 1).snapshot().eventSequence() != snapshot.eventSequence()) {
                taken.add(new Subscription(snapshot, subscriber));
            }
            Thread.yield();
        }
        return taken;
    }

    /** Random changes to the session's own rows, as a busy agent host would make them. */
    private void mutate(ClientSession session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> pending = new ArrayList<>();
        String prefix = session.clientId() + "-";
        for (int i = 0; i < OPERATIONS_PER_MUTATOR; i++) {
            String agentId = prefix + random.nextInt(4);
            switch (random.nextInt(6)) {
                case 0 -> host.registerAgent(session, register(
                        "{\"id\":\"" + agentId + "\",\"name\":\"n" + i + "\",\"kind\":\"cli\"}"));
                case 1 -> setStatusIfRegistered(session, agentId, random);
                case 2 -> host.unregisterAgent(session, agentId);
                case 3 -> pending.add(host.requestApproval(session, approval(
                        "{\"agent_id\":\"" + agentId + "\",\"title\":\"t" + i + "\"}")).id());
                case 4 -> {
                    if (!pending.isEmpty()) {
                        host.resolveApproval(session, resolve(
                                "{\"approval_id\":\"" + pending.remove(0) + "\",\"approved\":" + random.nextBoolean() + "}"));
                    }
                }
                default -> host.notify(notification("{\"message\":\"m" + i + "\"}"));
            }
        }
    }

    private void setStatusIfRegistered(ClientSession session, String agentId, ThreadLocalRandom random) {
        if (host.agents().stream().anyMatch(agent -> agent.id().equals(agentId))) {
            String status = List.copyOf(HostAgent.STATUSES).get(random.nextInt(HostAgent.STATUSES.size()));
            host.setStatus(session, status("{\"agent_id\":\"" + agentId + "\",\"status\":\"" + status + "\",\"current_task\":\"x\"}"));
        }
    }

    /** The registry rebuilt from events alone, as a client applying host §7 would hold it. */
    private static final class Replay {
        final Map<String, HostAgent> agents = new LinkedHashMap<>();
        final Map<String, HostApproval> approvals = new LinkedHashMap<>();

        static Replay upTo(List<HostEvent> log, long sequence) {
            Replay replay = new Replay();
            log.stream().filter(event -> event.sequence() <= sequence).forEach(replay::apply);
            return replay;
        }

        private void apply(HostEvent event) {
            switch (event.kind()) {
                case HostEvent.AGENT_REGISTERED, HostEvent.AGENT_STATUS_CHANGED -> agents.put(event.agent().id(), event.agent());
                case HostEvent.AGENT_UNREGISTERED -> agents.remove(event.agentId());
                case HostEvent.APPROVAL_REQUESTED, HostEvent.APPROVAL_RESOLVED -> approvals.put(event.approval().id(), event.approval());
                default -> { }
            }
        }
    }
}
