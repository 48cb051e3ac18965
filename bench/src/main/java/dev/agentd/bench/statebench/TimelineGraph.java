package dev.agentd.bench.statebench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fresh graph of one timeline, reached through the {@code memory.*} methods the replay uses
 * (memory §11.1). Both modes take the very same params objects, so any difference in the contexts
 * comes from the path between the harness and the engine, not from the harness.
 */
public interface TimelineGraph extends AutoCloseable {

    /** {@code memory.set_identity}. */
    void setIdentity(ObjectNode params);

    /** {@code memory.add_fact}; returns the minted id. */
    String addFact(ObjectNode params);

    /** {@code memory.add_turn}. */
    void addTurn(ObjectNode params);

    /** {@code memory.set_environment}. */
    void setEnvironment(ObjectNode params);

    /** {@code memory.build_context}. */
    String buildContext(ObjectNode params);

    @Override
    void close();
}
