package dev.agentd.daemon.memory;

import dev.agentd.daemon.state.PathEncoding;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which graph a caller acts on (memory §1.1): the daemon's shared graph, one agent's graph or one
 * namespace's graph. It decides the graph's label and its directory under {@code <root>/memory/}.
 *
 * @param scope which kind of graph
 * @param name the agent id or namespace; {@code null} for the shared graph
 */
public record GraphKey(Scope scope, String name) {
    private static final GraphKey SHARED = new GraphKey(Scope.SHARED, null);
    /** The longest a namespace may be once path-encoded (its directory name), for every transport. */
    public static final int MAX_ENCODED_NAMESPACE = 200;

    /** The three kinds of graph. */
    public enum Scope {
        SHARED,
        AGENT,
        NAMESPACE
    }

    public GraphKey {
        Objects.requireNonNull(scope, "scope");
        if ((scope == Scope.SHARED) != (name == null)) {
            throw new IllegalArgumentException("name: " + name + " (expected: null exactly for the shared graph)");
        }
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("name: '' (expected: a non-empty agent id or namespace)");
        }
    }

    public static GraphKey shared() {
        return SHARED;
    }

    public static GraphKey agent(String agentId) {
        return new GraphKey(Scope.AGENT, agentId);
    }

    public static GraphKey namespace(String namespace) {
        return new GraphKey(Scope.NAMESPACE, namespace);
    }

    /**
     * The binding rule of memory §1.1 and core §5: the namespace graph when a namespace is bound,
     * else the agent's graph when an agent is bound, else the shared graph.
     */
    public static GraphKey of(String memoryNamespace, String agentId) {
        if (memoryNamespace != null) {
            return namespace(memoryNamespace);
        }
        return agentId != null ? agent(agentId) : SHARED;
    }

    /** {@code shared}, {@code agent:<id>} or {@code ns:<ns>}: the graph's name in messages and change events. */
    public String label() {
        return switch (scope) {
            case SHARED -> "shared";
            case AGENT -> "agent:" + name;
            case NAMESPACE -> "ns:" + name;
        };
    }

    /** {@code shared/}, {@code agents/<fsname(id)>/} or {@code namespaces/<fsname(ns)>/} under {@code memoryRoot}. */
    public Path directory(Path memoryRoot) {
        return switch (scope) {
            case SHARED -> memoryRoot.resolve("shared");
            case AGENT -> memoryRoot.resolve("agents").resolve(PathEncoding.fsName(name));
            case NAMESPACE -> memoryRoot.resolve("namespaces").resolve(PathEncoding.fsName(name));
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
