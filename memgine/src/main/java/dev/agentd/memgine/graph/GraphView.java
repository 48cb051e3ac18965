package dev.agentd.memgine.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable copy of every stored node (expired ones included, with their expiry) and every
 * edge, in {@code seq} and creation order. It exists for the brute-force reference retrieval and
 * for tests; nothing in the engine's own paths uses it.
 */
public record GraphView(List<ViewNode> nodes, List<ViewEdge> edges) {
    public GraphView {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public record ViewNode(long seq, String id, NodeType type, String subject, String body, String kind,
            boolean superseded, Long expiresAt) {}

    public record ViewEdge(EdgeKind kind, String from, String to) {}

    public static GraphView of(GraphState state) {
        List<ViewNode> nodes = new ArrayList<>();
        for (int ix = 0; ix < state.end(); ix++) {
            Node node = state.node(ix);
            if (node != null) {
                Fact fact = node instanceof Fact f ? f : null;
                nodes.add(new ViewNode(node.seq(), node.id(), node.type(), node.subject(), node.body(),
                        fact == null ? null : fact.kind(), fact != null && fact.superseded(), node.expiresAt()));
            }
        }
        List<ViewEdge> edges = new ArrayList<>();
        state.forEachEdge((edge, kind, from, to) ->
                edges.add(new ViewEdge(kind, state.node(from).id(), state.node(to).id())));
        return new GraphView(nodes, edges);
    }
}
