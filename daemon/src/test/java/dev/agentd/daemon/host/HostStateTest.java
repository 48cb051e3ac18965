package dev.agentd.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.rpc.ParamsDecoder;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.Principal;
import dev.agentd.daemon.session.SessionRegistry;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * {@link HostState} on its own: ownership, limits, retention, the disconnect behaviour and the
 * events each change produces. The snapshot/event alignment under concurrency is in
 * {@link HostStateConcurrencyTest}; the same rules through the protocol are in the e2e suite.
 */
class HostStateTest {
    private static final Instant NOW = Instant.parse("2025-06-01T09:31:00Z");
    private static final String NOW_TEXT = "2025-06-01T09:31:00.000Z";

    private final SessionRegistry sessions = new SessionRegistry();
    private final HostState host = new HostState(
            HostIdentity.of("0.1.0", 4242, NOW, Path.of("/home/user/.agentd/agents.json")), Clock.fixed(NOW, ZoneOffset.UTC));
    private final ClientSession alice = sessions.open(null, Principal.CLIENT);
    private final ClientSession bob = sessions.open(null, Principal.CLIENT);
    private final RecordingSubscriber watcher = new RecordingSubscriber();

    HostStateTest() {
        sessions.onClose((session, shutdown) -> host.release(session));
        host.subscribe(sessions.open(null, Principal.CLIENT), watcher);
    }

    @Test
    void aNewRowIsIdleOwnedByTheCallerWithDefaults() {
        HostAgent agent = host.registerAgent(alice, register("""
                {"name":"Reviewer","kind":"builtin"}"""));

        assertThat(agent.id()).matches("^agent-[0-9a-f-]{36}$");
        assertThat(agent).isEqualTo(new HostAgent(agent.id(), "Reviewer", "builtin", List.of(), null, "idle", null, null,
                null, Json.mapper().createObjectNode(), alice.clientId(), NOW_TEXT, NOW_TEXT));
        assertThat(watcher.events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo("agent.registered");
            assertThat(event.message()).isEqualTo("Reviewer registered");
            assertThat(event.agent()).isEqualTo(agent);
            assertThat(event.timestamp()).isEqualTo(NOW_TEXT);
        });
    }

    @Test
    void theOwnerReRegisteringReplacesDescriptionsAndKeepsStatusAndTask() {
        host.registerAgent(alice, register("""
                {"id":"r1","name":"Reviewer","kind":"builtin","capabilities":["review"],"pid":77}"""));
        host.setStatus(alice, status("""
                {"agent_id":"r1","status":"running","current_task":"reading"}"""));

        HostAgent updated = host.registerAgent(alice, register("""
                {"id":"r1","name":"Reviewer 2","kind":"cli"}"""));

        assertThat(updated.name()).isEqualTo("Reviewer 2");
        assertThat(updated.capabilities()).isEmpty();
        assertThat(updated.pid()).isNull();
        assertThat(updated.status()).isEqualTo("running");
        assertThat(updated.currentTask()).isEqualTo("reading");
        assertThat(host.agents()).containsExactly(updated);
    }

    @Test
    void anotherSessionCannotTouchARowAndNothingChanges() {
        HostAgent original = host.registerAgent(alice, register("""
                {"id":"r1","name":"Reviewer","kind":"builtin"}"""));
        int eventsBefore = watcher.events.size();

        assertOwnedByAnother(() -> host.registerAgent(bob, register("""
                {"id":"r1","name":"X","kind":"cli"}""")), "agent 'r1' is owned by another session");
        assertOwnedByAnother(() -> host.unregisterAgent(bob, "r1"), "agent 'r1' is owned by another session");
        assertOwnedByAnother(() -> host.setStatus(bob, status("""
                {"agent_id":"r1","status":"running"}""")), "agent 'r1' is owned by another session");
        assertOwnedByAnother(() -> host.requestApproval(bob, approval("""
                {"agent_id":"r1","title":"Deploy"}""")), "agent 'r1' is owned by another session");

        assertThat(host.agents()).containsExactly(original);
        assertThat(host.approvals()).isEmpty();
        assertThat(watcher.events).hasSize(eventsBefore);
    }

    @Test
    void closingTheOwnerStopsItsAgentsAndCancelsItsPendingApprovalsInOrder() {
        host.registerAgent(alice, register("""
                {"id":"a1","name":"First","kind":"cli"}"""));
        host.registerAgent(bob, register("""
                {"id":"b1","name":"Bobs","kind":"cli"}"""));
        host.registerAgent(alice, register("""
                {"id":"a2","name":"Second","kind":"cli"}"""));
        host.setStatus(alice, status("""
                {"agent_id":"a1","status":"running","current_task":"work"}"""));
        HostApproval first = host.requestApproval(alice, approval("""
                {"title":"One"}"""));
        HostApproval resolved = host.requestApproval(alice, approval("""
                {"title":"Done already"}"""));
        host.resolveApproval(alice, resolve("{\"approval_id\":\"" + resolved.id() + "\",\"approved\":true}"));
        HostApproval second = host.requestApproval(alice, approval("""
                {"title":"Two"}"""));
        CompletableFuture<HostApproval> system = host.requestSystemApproval(approval("""
                {"title":"System"}"""));
        long before = watcher.events.get(watcher.events.size() - 1).sequence();

        sessions.close(alice, false);

        List<HostEvent> released = watcher.events.stream().filter(event -> event.sequence() > before).toList();
        assertThat(released).extracting(HostEvent::sequence).containsExactly(before + 1, before + 2, before + 3, before + 4);
        assertThat(released).extracting(HostEvent::kind)
                .containsExactly("agent.status_changed", "agent.status_changed", "approval.resolved", "approval.resolved");
        assertThat(released.get(0).agent()).satisfies(agent -> {
            assertThat(agent.id()).isEqualTo("a1");
            assertThat(agent.status()).isEqualTo("stopped");
            assertThat(agent.currentTask()).isNull();
            assertThat(agent.sessionId()).isNull();
        });
        assertThat(released.get(0).message()).isEqualTo("First stopped: owning session closed");
        assertThat(released.get(0).payload()).isEqualTo(json("{\"reason\":\"owner_disconnected\"}"));
        assertThat(released.get(1).agent().id()).isEqualTo("a2");
        assertThat(released.get(2).approval().id()).isEqualTo(first.id());
        assertThat(released.get(2).approval()).satisfies(cancelled -> {
            assertThat(cancelled.status()).isEqualTo("cancelled");
            assertThat(cancelled.notes()).isEqualTo("requesting session closed");
            assertThat(cancelled.resolvedAt()).isEqualTo(NOW_TEXT);
            assertThat(cancelled.resolvedBy()).isNull();
            assertThat(cancelled.resolution()).isNull();
        });
        assertThat(released.get(2).message()).isEqualTo("approval cancelled: One");
        assertThat(released.get(3).approval().id()).isEqualTo(second.id());
        assertThat(host.agents()).extracting(HostAgent::id, HostAgent::status)
                .containsExactly(tuple("a1", "stopped"), tuple("b1", "idle"), tuple("a2", "stopped"));
        assertThat(system).isNotDone();
        assertThat(host.approvals()).filteredOn(HostApproval::isPending).extracting(HostApproval::action)
                .containsExactly("System");
    }

    @Test
    void anOwnerlessRowCanBeClaimedOrRemovedButNotUpdated() {
        host.registerAgent(alice, register("""
                {"id":"a1","name":"First","kind":"cli"}"""));
        sessions.close(alice, false);

        assertThatThrownBy(() -> host.setStatus(bob, status("""
                {"agent_id":"a1","status":"running"}""")))
                .isInstanceOf(RpcException.class).hasMessage("agent 'a1' has no owner; register it to claim it");
        HostAgent claimed = host.registerAgent(bob, register("""
                {"id":"a1","name":"Claimed","kind":"cli"}"""));

        assertThat(claimed.sessionId()).isEqualTo(bob.clientId());
        assertThat(claimed.status()).isEqualTo("idle");
        assertThat(host.unregisterAgent(bob, "a1")).isTrue();
        assertThat(host.unregisterAgent(bob, "a1")).isFalse();
    }

    @Test
    void aClosingConnectionCannotBecomeAnOwner() {
        ClientSession closed = sessions.open(null, Principal.CLIENT);
        sessions.close(closed, false);

        assertThatThrownBy(() -> host.registerAgent(closed, register("""
                {"id":"late","name":"Late","kind":"cli"}"""))).isInstanceOf(RpcException.class);
        assertThatThrownBy(() -> host.requestApproval(closed, approval("""
                {"title":"Late"}"""))).isInstanceOf(RpcException.class);
        assertThatThrownBy(() -> host.subscribe(closed, new RecordingSubscriber())).isInstanceOf(RpcException.class);
        assertThat(host.agents()).isEmpty();
        assertThat(host.approvals()).isEmpty();
    }

    @Test
    void requestingAnApprovalFlipsTheCallersOwnAgentOnce() {
        host.registerAgent(alice, register("""
                {"id":"a1","name":"First","kind":"cli"}"""));
        long before = watcher.events.size();

        HostApproval approval = host.requestApproval(alice, approval("""
                {"agent_id":"a1","title":"Deploy","description":"to prod","context":{"env":"prod"},"required_approvals":3}"""));
        host.requestApproval(alice, approval("""
                {"agent_id":"a1","title":"Again"}"""));

        assertThat(approval).isEqualTo(new HostApproval(approval.id(), "a1", "Deploy", "to prod", json("{\"env\":\"prod\"}"),
                List.of("approve", "deny"), "pending", NOW_TEXT, alice.clientId(), 3, null, null, null, null));
        assertThat(watcher.kinds().subList((int) before, watcher.events.size()))
                .containsExactly("approval.requested", "agent.status_changed", "approval.requested");
        HostEvent flip = watcher.events.get((int) before + 1);
        assertThat(flip.message()).isEqualTo("First is waiting for approval");
        assertThat(flip.payload()).isEqualTo(json("{\"approval_id\":\"" + approval.id() + "\"}"));
        assertThat(flip.agent().status()).isEqualTo("waiting_for_approval");
    }

    @Test
    void anOwnerlessOrUnknownAgentIsRecordedWithoutAFlip() {
        host.registerAgent(alice, register("""
                {"id":"a1","name":"First","kind":"cli"}"""));
        sessions.close(alice, false);

        host.requestApproval(bob, approval("""
                {"agent_id":"a1","title":"On ownerless"}"""));
        host.requestApproval(bob, approval("""
                {"agent_id":"nobody","title":"On unknown"}"""));

        assertThat(host.agents()).singleElement().extracting(HostAgent::status).isEqualTo("stopped");
        assertThat(host.approvals()).extracting(HostApproval::agentId).containsExactlyInAnyOrder("a1", "nobody");
    }

    @Test
    void resolutionRulesApplyInTheSpecifiedOrder() {
        HostApproval approval = host.requestApproval(alice, approval("""
                {"title":"Deploy"}"""));
        String id = approval.id();

        assertThatThrownBy(() -> host.resolveApproval(alice, resolve("""
                {"approval_id":"approval-missing","approved":true}""")))
                .isInstanceOf(RpcException.class).hasMessage("approval 'approval-missing' not found");
        assertThatThrownBy(() -> host.resolveApproval(bob, resolve("{\"approval_id\":\"" + id + "\",\"approved\":true}")))
                .isInstanceOf(RpcException.class).hasMessage("approval '" + id + "' is owned by another session");
        HostApproval resolved = host.resolveApproval(alice, resolve(
                "{\"approval_id\":\"" + id + "\",\"approved\":false,\"resolution\":\"approve\",\"notes\":\"no\"}"));
        assertThatThrownBy(() -> host.resolveApproval(alice, resolve("{\"approval_id\":\"" + id + "\",\"approved\":true}")))
                .isInstanceOf(RpcException.class).hasMessage("approval '" + id + "' is already denied");

        assertThat(resolved.status()).isEqualTo("denied");
        assertThat(resolved.resolution()).isEqualTo("deny");
        assertThat(resolved.resolvedBy()).isEqualTo(alice.clientId());
        assertThat(resolved.notes()).isEqualTo("no");
        HostEvent event = watcher.events.get(watcher.events.size() - 1);
        assertThat(event.kind()).isEqualTo("approval.resolved");
        assertThat(event.message()).isEqualTo("approval denied: Deploy");
        assertThat(event.payload()).isEqualTo(json("{\"approval_id\":\"" + id + "\",\"status\":\"denied\"}"));
    }

    @Test
    void aCancelledApprovalOfAClosedSessionReportsItsStatusToAnyone() {
        HostApproval approval = host.requestApproval(alice, approval("""
                {"title":"Deploy"}"""));
        sessions.close(alice, false);

        assertThatThrownBy(() -> host.resolveApproval(bob, resolve("{\"approval_id\":\"" + approval.id() + "\",\"approved\":true}")))
                .isInstanceOf(RpcException.class).hasMessage("approval '" + approval.id() + "' is already cancelled");
    }

    @Test
    void aSystemApprovalIsResolvedByAnySessionAndCompletesItsFuture() {
        CompletableFuture<HostApproval> future = host.requestSystemApproval(approval("""
                {"title":"Open the firewall"}"""));
        HostApproval pending = host.approvals().get(0);

        HostApproval resolved = host.resolveApproval(bob, resolve("{\"approval_id\":\"" + pending.id() + "\",\"resolution\":\"approve\"}"));

        assertThat(pending.clientId()).isNull();
        assertThat(future).isCompletedWithValue(resolved);
        assertThat(resolved.resolvedBy()).isEqualTo(bob.clientId());
    }

    @Test
    void theAgentLimitRefusesNewRowsButNotUpdates() {
        for (int i = 0; i < HostState.MAX_AGENTS; i++) {
            host.registerAgent(alice, register("{\"id\":\"a" + i + "\",\"name\":\"A\",\"kind\":\"cli\"}"));
        }

        assertThatThrownBy(() -> host.registerAgent(alice, register("""
                {"name":"One too many","kind":"cli"}""")))
                .isInstanceOf(RpcException.class).hasMessage("host agent limit reached (1000)");
        assertThat(host.registerAgent(alice, register("""
                {"id":"a0","name":"Renamed","kind":"cli"}""")).name()).isEqualTo("Renamed");
    }

    @Test
    void thePendingApprovalLimitRefusesNewApprovalsUntilOneIsResolved() {
        HostApproval first = host.requestApproval(alice, approval("{\"title\":\"t\"}"));
        for (int i = 1; i < ApprovalTable.MAX_PENDING; i++) {
            host.requestApproval(alice, approval("{\"title\":\"t\"}"));
        }

        assertThatThrownBy(() -> host.requestApproval(bob, approval("{\"title\":\"t\"}")))
                .isInstanceOf(RpcException.class).hasMessage("pending approval limit reached (1000)");
        assertThatThrownBy(() -> host.requestSystemApproval(approval("{\"title\":\"t\"}")))
                .isInstanceOf(RpcException.class).hasMessage("pending approval limit reached (1000)");
        host.resolveApproval(alice, resolve("{\"approval_id\":\"" + first.id() + "\",\"approved\":true}"));
        assertThat(host.requestApproval(bob, approval("{\"title\":\"t\"}")).status()).isEqualTo("pending");
    }

    @Test
    void only256FinishedApprovalsAreRetainedOldestFirstOut() {
        List<HostApproval> raised = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            raised.add(host.requestApproval(alice, approval("{\"title\":\"t" + i + "\"}")));
        }
        HostApproval stillPending = host.requestApproval(alice, approval("{\"title\":\"pending\"}"));
        for (HostApproval approval : raised) {
            host.resolveApproval(alice, resolve("{\"approval_id\":\"" + approval.id() + "\",\"approved\":true}"));
        }

        List<HostApproval> listing = host.approvals();
        assertThat(listing).hasSize(257);
        assertThat(listing).extracting(HostApproval::id).contains(stillPending.id())
                .doesNotContain(raised.get(43).id())
                .contains(raised.get(44).id(), raised.get(299).id());
    }

    @Test
    void theHistoryKeepsTheLatest1000EventsAndSequencesContinue() {
        for (int i = 0; i < 1005; i++) {
            host.notify(notification("{}"));
        }

        List<HostEvent> history = host.events(5000);
        assertThat(history).hasSize(1000);
        assertThat(history.get(0).sequence()).isEqualTo(6);
        assertThat(history.get(999).sequence()).isEqualTo(1005);
        assertThat(host.events(3)).extracting(HostEvent::sequence).containsExactly(1003L, 1004L, 1005L);
        assertThat(host.events(0)).isEmpty();
    }

    @Test
    void approvalsAreListedByCreationTimeThenId() {
        MutableClock clock = new MutableClock(NOW.plusSeconds(5));
        HostState timed = new HostState(host.identity(), clock);
        HostApproval later = timed.requestApproval(alice, approval("{\"title\":\"later\"}"));
        clock.set(NOW);
        HostApproval earlierA = timed.requestApproval(alice, approval("{\"title\":\"a\"}"));
        HostApproval earlierB = timed.requestApproval(alice, approval("{\"title\":\"b\"}"));

        List<String> sameTime = Stream.of(earlierA.id(), earlierB.id()).sorted().toList();
        assertThat(timed.approvals()).extracting(HostApproval::id)
                .containsExactly(sameTime.get(0), sameTime.get(1), later.id());
    }

    @Test
    void reSubscribingReplacesTheConnectionsEarlierSubscriber() {
        ClientSession ui = sessions.open(null, Principal.CLIENT);
        RecordingSubscriber first = new RecordingSubscriber();
        RecordingSubscriber second = new RecordingSubscriber();
        host.subscribe(ui, first);
        host.notify(notification("{}"));

        HostSnapshot snapshot = host.subscribe(ui, second);
        host.notify(notification("{}"));
        sessions.close(ui, false);

        assertThat(first.discarded).isTrue();
        assertThat(first.sequences()).containsExactly(snapshot.eventSequence());
        assertThat(second.sequences()).containsExactly(snapshot.eventSequence() + 1);
        assertThat(second.discarded).isTrue();
    }

    @Test
    void theSnapshotCarriesIdentityAndTheLatest100Events() {
        for (int i = 0; i < 120; i++) {
            host.notify(notification("{}"));
        }

        HostSnapshot snapshot = host.subscribe(bob, new RecordingSubscriber());

        assertThat(snapshot.subscribed()).isTrue();
        assertThat(snapshot.devices()).isEmpty();
        assertThat(snapshot.eventSequence()).isEqualTo(120);
        assertThat(snapshot.events()).hasSize(100);
        assertThat(snapshot.events().get(0).sequence()).isEqualTo(21);
        assertThat(snapshot.identity()).isEqualTo(new HostIdentity("0.1.0", 4242, NOW_TEXT,
                Path.of("/home/user/.agentd/agents.json").toAbsolutePath().toString(), "owner"));
    }

    private static void assertOwnedByAnother(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(RpcException.class).hasMessage(message);
    }

    static RegisterAgentParams register(String json) {
        return ParamsDecoder.decode(json(json), RegisterAgentParams.class);
    }

    static SetStatusParams status(String json) {
        return ParamsDecoder.decode(json(json), SetStatusParams.class);
    }

    static RequestApprovalParams approval(String json) {
        return ParamsDecoder.decode(json(json), RequestApprovalParams.class);
    }

    static ResolveApprovalParams resolve(String json) {
        return ParamsDecoder.decode(json(json), ResolveApprovalParams.class);
    }

    static NotifyParams notification(String json) {
        return ParamsDecoder.decode(json(json), NotifyParams.class);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
