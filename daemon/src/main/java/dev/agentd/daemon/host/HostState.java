package dev.agentd.daemon.host;

import dev.agentd.protocol.Timestamps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The host registry (host §1): registered agents, approvals and the event log, in daemon memory
 * only. One lock guards all of it; every change is applied, numbered and offered to subscribers
 * inside that lock, so a snapshot taken under it lines up exactly with the events that follow
 * (host §7). Nothing inside the lock blocks: subscribers only enqueue.
 *
 * <p>Ownership is per connection ({@code clientId}); the host role gives no override (host §5).
 */
public final class HostState {
    static final int MAX_AGENTS = 1000;
    static final int SNAPSHOT_EVENTS = 100;
    static final String CANCELLED_NOTES = "requesting session closed";

    private final Object lock = new Object();
    private final HostIdentity identity;
    private final Clock clock;
    /** Insertion order is registration order; updates and claims keep a row's place. */
    private final Map<String, HostAgent> agents = new LinkedHashMap<>();
    private final ApprovalTable approvals = new ApprovalTable();
    private final EventLog events = new EventLog();
    private final Map<String, CompletableFuture<HostApproval>> systemApprovalWaiters = new HashMap<>();
    /**
     * Client ids that raised approvals and whose connection is still open. An approval whose raiser
     * has closed has no owner left to protect: resolving it reports its status (host check 18).
     */
    private final Set<String> openRaisers = new HashSet<>();

    public HostState(HostIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    public HostIdentity identity() {
        return identity;
    }

    // ---- reads ---------------------------------------------------------------------------------

    public List<HostAgent> agents() {
        synchronized (lock) {
            return List.copyOf(agents.values());
        }
    }

    public List<HostApproval> approvals() {
        synchronized (lock) {
            return approvals.listing();
        }
    }

    /** The {@code limit} most recent events, ascending {@code sequence}. */
    public List<HostEvent> events(int limit) {
        synchronized (lock) {
            return events.recent(limit);
        }
    }

    /**
     * Registers {@code subscriber} for the connection's events (replacing its earlier one) and
     * returns the state it starts from: exactly the changes numbered up to {@code event_sequence}.
     */
    public HostSnapshot subscribe(ClientSession session, HostSubscriber subscriber) {
        synchronized (lock) {
            requireOpen(session);
            events.subscribe(session.clientId(), subscriber);
            return new HostSnapshot(true, List.copyOf(agents.values()), List.of(), approvals.listing(),
                    events.recent(SNAPSHOT_EVENTS), events.latestSequence(), identity);
        }
    }

    // ---- agents --------------------------------------------------------------------------------

    /** Creates, updates (owner) or claims (ownerless) a row (host §4.5). */
    public HostAgent registerAgent(ClientSession caller, RegisterAgentParams params) {
        String id = params.id() != null ? params.id() : "agent-" + UUID.randomUUID();
        synchronized (lock) {
            HostAgent existing = agents.get(id);
            String now = now();
            HostAgent registered;
            if (existing != null && existing.ownedBy(caller.clientId())) {
                registered = existing.redescribed(params, now);
            } else if (existing == null || existing.ownerless()) {
                requireOpen(caller);
                if (existing == null && agents.size() >= MAX_AGENTS) {
                    throw RpcException.internal("host agent limit reached (" + MAX_AGENTS + ")");
                }
                registered = HostAgent.registered(id, params, caller.clientId(), now);
            } else {
                throw agentOwnedByAnother(id);
            }
            agents.put(id, registered);
            appendAgentEvent(HostEvent.AGENT_REGISTERED, registered, registered.name() + " registered", emptyObject(), now);
            return registered;
        }
    }

    /** Removes a row owned by the caller or by nobody; false when there is no such row (host §4.6). */
    public boolean unregisterAgent(ClientSession caller, String agentId) {
        synchronized (lock) {
            HostAgent existing = agents.get(agentId);
            if (existing == null) {
                return false;
            }
            if (!existing.ownerless() && !existing.ownedBy(caller.clientId())) {
                throw agentOwnedByAnother(agentId);
            }
            agents.remove(agentId);
            appendAgentEvent(HostEvent.AGENT_UNREGISTERED, existing, existing.name() + " unregistered", emptyObject(), now());
            return true;
        }
    }

    /** The owner reports status and task (host §4.7); an event even when nothing changed. */
    public HostAgent setStatus(ClientSession caller, SetStatusParams params) {
        String agentId = params.agentId();
        synchronized (lock) {
            HostAgent existing = agents.get(agentId);
            if (existing == null) {
                throw RpcException.internal("agent '" + agentId + "' not found");
            }
            if (existing.ownerless()) {
                throw RpcException.internal("agent '" + agentId + "' has no owner; register it to claim it");
            }
            if (!existing.ownedBy(caller.clientId())) {
                throw agentOwnedByAnother(agentId);
            }
            String now = now();
            HostAgent updated = existing.withStatus(params.status(), params.taskAfter(existing.currentTask()), now);
            agents.put(agentId, updated);
            String message = params.message() != null ? params.message() : updated.name() + " is now " + updated.status();
            appendAgentEvent(HostEvent.AGENT_STATUS_CHANGED, updated, message, params.payload(), now);
            return updated;
        }
    }

    // ---- notifications -------------------------------------------------------------------------

    /** Records a free-form event (host §4.8); any authenticated caller. */
    public HostEvent notify(NotifyParams params) {
        synchronized (lock) {
            return events.append(now(), params.kind(), params.agentId(), params.message(), params.payload(), null, null);
        }
    }

    // ---- approvals -----------------------------------------------------------------------------

    /**
     * Raises an approval owned by the caller (host §4.9); when it names the caller's own agent,
     * that row also flips to {@code waiting_for_approval}, as the next event.
     */
    public HostApproval requestApproval(ClientSession caller, RequestApprovalParams params) {
        synchronized (lock) {
            HostAgent agent = params.agentId() == null ? null : agents.get(params.agentId());
            if (agent != null && !agent.ownerless() && !agent.ownedBy(caller.clientId())) {
                throw agentOwnedByAnother(agent.id());
            }
            requireOpen(caller);
            HostApproval approval = raise(params, caller.clientId());
            openRaisers.add(caller.clientId());
            if (agent != null && agent.ownedBy(caller.clientId()) && !HostAgent.WAITING_FOR_APPROVAL.equals(agent.status())) {
                HostAgent waiting = agent.withStatus(HostAgent.WAITING_FOR_APPROVAL, agent.currentTask(), approval.createdAt());
                agents.put(waiting.id(), waiting);
                appendAgentEvent(HostEvent.AGENT_STATUS_CHANGED, waiting, waiting.name() + " is waiting for approval",
                        emptyObject().put("approval_id", approval.id()), waiting.updatedAt());
            }
            return approval;
        }
    }

    /**
     * Raises a system-level approval ({@code client_id: null}) for a daemon component; any
     * authenticated session may resolve it. The future completes with the resolved approval.
     */
    public CompletableFuture<HostApproval> requestSystemApproval(RequestApprovalParams params) {
        CompletableFuture<HostApproval> resolution = new CompletableFuture<>();
        synchronized (lock) {
            HostApproval approval = raise(params, null);
            systemApprovalWaiters.put(approval.id(), resolution);
        }
        return resolution;
    }

    /** Settles a pending approval (host §4.10), checked in the spec's order. */
    public HostApproval resolveApproval(ClientSession caller, ResolveApprovalParams params) {
        String approvalId = params.approvalId();
        HostApproval resolved;
        CompletableFuture<HostApproval> waiter;
        synchronized (lock) {
            HostApproval approval = approvals.find(approvalId);
            if (approval == null) {
                throw RpcException.internal("approval '" + approvalId + "' not found");
            }
            if (ownedByAnother(approval, caller)) {
                throw RpcException.internal("approval '" + approvalId + "' is owned by another session");
            }
            if (!approval.isPending()) {
                throw RpcException.internal("approval '" + approvalId + "' is already " + approval.status());
            }
            resolved = approval.resolved(params.approves(), caller.clientId(), params.notes(), now());
            finish(resolved);
            waiter = systemApprovalWaiters.remove(approvalId);
        }
        // Completed outside the lock: a dependent stage may call back into the registry.
        if (waiter != null) {
            waiter.complete(resolved);
        }
        return resolved;
    }

    // ---- disconnect (host §6, core §5.1 steps 3–4) ----------------------------------------------

    /**
     * The connection closed: its subscription goes, its agents become stopped and ownerless, its
     * pending approvals are cancelled — in one critical section, in registration/creation order.
     */
    public void release(ClientSession session) {
        String clientId = session.clientId();
        synchronized (lock) {
            events.unsubscribe(clientId);
            openRaisers.remove(clientId);
            String now = now();
            List<HostAgent> owned = agents.values().stream().filter(agent -> agent.ownedBy(clientId)).toList();
            for (HostAgent agent : owned) {
                HostAgent stopped = agent.released(now);
                agents.put(stopped.id(), stopped);
                appendAgentEvent(HostEvent.AGENT_STATUS_CHANGED, stopped, stopped.name() + " stopped: owning session closed",
                        emptyObject().put("reason", "owner_disconnected"), now);
            }
            for (HostApproval approval : approvals.pendingRaisedBy(clientId)) {
                finish(approval.cancelled(CANCELLED_NOTES, now));
            }
        }
    }

    // ---- inside the lock -----------------------------------------------------------------------

    private HostApproval raise(RequestApprovalParams params, String clientId) {
        if (approvals.pendingLimitReached()) {
            throw RpcException.internal("pending approval limit reached (" + ApprovalTable.MAX_PENDING + ")");
        }
        HostApproval approval = HostApproval.pending(params, clientId, now());
        approvals.addPending(approval);
        appendApprovalEvent(HostEvent.APPROVAL_REQUESTED, approval, "approval requested: " + approval.action(),
                approval.createdAt());
        return approval;
    }

    private void finish(HostApproval finished) {
        approvals.finish(finished);
        appendApprovalEvent(HostEvent.APPROVAL_RESOLVED, finished,
                "approval " + finished.status() + ": " + finished.action(), finished.resolvedAt());
    }

    private void appendAgentEvent(String kind, HostAgent agent, String message, JsonNode payload, String timestamp) {
        events.append(timestamp, kind, agent.id(), message, payload, agent, null);
    }

    private void appendApprovalEvent(String kind, HostApproval approval, String message, String timestamp) {
        ObjectNode payload = emptyObject().put("approval_id", approval.id()).put("status", approval.status());
        events.append(timestamp, kind, approval.agentId(), message, payload, null, approval);
    }

    /**
     * A row or approval must never be owned by a connection whose cleanup has already run: it
     * would stay owned forever. Cleanup marks the session closing before taking this lock.
     */
    private static void requireOpen(ClientSession session) {
        if (session.closing()) {
            throw RpcException.internal("connection closing");
        }
    }

    private boolean ownedByAnother(HostApproval approval, ClientSession caller) {
        String raiser = approval.clientId();
        return raiser != null && !raiser.equals(caller.clientId()) && openRaisers.contains(raiser);
    }

    private static RpcException agentOwnedByAnother(String agentId) {
        return RpcException.internal("agent '" + agentId + "' is owned by another session");
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static ObjectNode emptyObject() {
        return Json.mapper().createObjectNode();
    }
}
