package dev.agentd.memgine;

/**
 * What opening a graph found (memory §9.5).
 *
 * @param snapshotLsn {@code journal_lsn} of the snapshot (0 without one)
 * @param appliedRecords journal records applied on top of the snapshot
 * @param skippedRecords journal records already contained in the snapshot
 * @param discardedTailBytes bytes of a torn journal tail that were truncated (0 if none)
 */
public record RecoveryReport(long snapshotLsn, long appliedRecords, long skippedRecords, long discardedTailBytes) {}
