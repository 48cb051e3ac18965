package dev.agentd.memgine.store;

import dev.agentd.memgine.graph.Mutation;

/** One journal line's content: its log sequence number and the mutation. */
public record JournalRecord(long lsn, Mutation mutation) {}
