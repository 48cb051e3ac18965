package dev.agentd.memgine.graph;

/** The four node types of memory §2.1. */
public enum NodeType {
    FACT, IDENTITY, TURN, ENVIRONMENT
}
