package dev.agentd.daemon.host;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pending approvals plus the most recently finished ones (host §3). Not thread-safe: used inside
 * {@link HostState}'s critical section.
 */
final class ApprovalTable {
    static final int MAX_PENDING = 1000;
    static final int FINISHED_RETAINED = 256;
    private static final Comparator<HostApproval> LISTING_ORDER =
            Comparator.comparing(HostApproval::createdAt).thenComparing(HostApproval::id);

    /** Insertion order is creation order. */
    private final Map<String, HostApproval> byId = new LinkedHashMap<>();
    private final ArrayDeque<String> finishedOldestFirst = new ArrayDeque<>();
    private int pending;

    HostApproval find(String id) {
        return byId.get(id);
    }

    boolean pendingLimitReached() {
        return pending >= MAX_PENDING;
    }

    void addPending(HostApproval approval) {
        byId.put(approval.id(), approval);
        pending++;
    }

    /** Replaces a pending approval by its final state; the oldest finished beyond 256 are dropped. */
    void finish(HostApproval finished) {
        byId.put(finished.id(), finished);
        pending--;
        finishedOldestFirst.addLast(finished.id());
        if (finishedOldestFirst.size() > FINISHED_RETAINED) {
            byId.remove(finishedOldestFirst.removeFirst());
        }
    }

    /** Every retained approval, ordered by {@code created_at}, then {@code id} (host §4.4). */
    List<HostApproval> listing() {
        return byId.values().stream().sorted(LISTING_ORDER).toList();
    }

    /** The pending approvals raised by {@code clientId}, in creation order. */
    List<HostApproval> pendingRaisedBy(String clientId) {
        return byId.values().stream()
                .filter(approval -> approval.isPending() && clientId.equals(approval.clientId()))
                .toList();
    }
}
