package dev.agentd.memgine.store;

import dev.agentd.memgine.graph.EdgeBatch;
import dev.agentd.memgine.graph.EdgeKind;
import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.store.DocumentEntries.EnvironmentItem;
import dev.agentd.memgine.store.DocumentEntries.FactEntry;
import dev.agentd.memgine.store.DocumentEntries.FileEdges;
import dev.agentd.memgine.store.DocumentEntries.TurnEntry;
import dev.agentd.memgine.store.ImportFile.ImportedDocument;
import dev.agentd.memgine.text.Slug;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a fresh graph from a validated import document (memory §8.3).
 *
 * <p>Nodes are created in file order — identity, facts, turns, environment — or, when every
 * entry carries the {@code seq} our own exports write, in that relative order. Fact ids are
 * minted (missing → {@code ws-<slug>}, duplicate → {@code -n}). Edges come from {@code edges} when
 * present; otherwise they are derived as live inserts would: DependsOn from {@code depends_on},
 * RelatedTo by the insertion rule, Supersedes from {@code supersedes}, in file order. References
 * to ids absent from the file are dropped and counted in the log.
 */
final class ImportBuilder {
    private static final Logger log = LoggerFactory.getLogger(ImportBuilder.class);
    private static final String GENERATED_PREFIX = "ws-";

    private enum Group { IDENTITY, FACT, TURN, ENVIRONMENT }

    private record Step(Group group, int position, long order) {}

    private final ImportedDocument document;
    private final long now;
    private final GraphState state = new GraphState();
    private final Map<String, Integer> byFileId = new HashMap<>();
    private final int[] factIndex;
    private final Set<String> supersededInFile = new HashSet<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private int droppedReferences;
    private int previousTurn = -1;
    private long nextSeq = 1;

    private ImportBuilder(ImportedDocument document, long now) {
        this.document = document;
        this.now = now;
        this.factIndex = new int[document.facts().size()];
        document.facts().forEach(fact -> {
            if (fact.supersedes() != null) {
                supersededInFile.add(fact.supersedes());
            }
        });
    }

    static GraphState build(ImportedDocument document, long now) {
        return new ImportBuilder(document, now).build();
    }

    private GraphState build() {
        state.deferIndexing();
        for (Step step : creationOrder()) {
            switch (step.group()) {
                case IDENTITY -> state.createNode(new Identity(nextSeq++, document.identity()));
                case FACT -> createFact(step.position());
                case TURN -> createTurn(document.turns().get(step.position()));
                case ENVIRONMENT -> createEnvironment(document.environment().get(step.position()));
            }
        }
        if (document.edges() != null) {
            addFileEdges();
        } else {
            deferred.forEach(Runnable::run);
            markInvalidFacts();
        }
        markNeedsReview();
        if (droppedReferences > 0) {
            log.info("memory.load dropped {} references to ids absent from the file", droppedReferences);
        }
        state.sweep(now);
        return state;
    }

    private List<Step> creationOrder() {
        List<Step> steps = new ArrayList<>();
        boolean hasIdentity = document.identity() != null && !document.identity().isEmpty();
        boolean ordered = !hasIdentity || document.identitySeq() != null;
        if (hasIdentity) {
            steps.add(new Step(Group.IDENTITY, 0, orderOf(document.identitySeq())));
        }
        for (int i = 0; i < document.facts().size(); i++) {
            Long seq = document.facts().get(i).seq();
            ordered &= seq != null;
            steps.add(new Step(Group.FACT, i, orderOf(seq)));
        }
        for (int i = 0; i < document.turns().size(); i++) {
            Long seq = document.turns().get(i).seq();
            ordered &= seq != null;
            steps.add(new Step(Group.TURN, i, orderOf(seq)));
        }
        for (int i = 0; i < document.environment().size(); i++) {
            Long seq = document.environment().get(i).seq();
            ordered &= seq != null;
            steps.add(new Step(Group.ENVIRONMENT, i, orderOf(seq)));
        }
        Comparator<Step> fileOrder = Comparator.comparing(Step::group).thenComparingInt(Step::position);
        steps.sort(ordered ? Comparator.comparingLong(Step::order).thenComparing(fileOrder) : fileOrder);
        return steps;
    }

    private static long orderOf(Long seq) {
        return seq == null ? 0 : seq;
    }

    private void createFact(int position) {
        FactEntry entry = document.facts().get(position);
        String requested = entry.id() != null ? entry.id() : GENERATED_PREFIX + Slug.of(entry.subject());
        String id = state.mint(requested);
        Fact fact = new Fact(nextSeq++, id, entry.subject(), entry.body(), entry.kind(), entry.isConstraint(),
                entry.confidence(), entry.confidenceLabel(), entry.authority(), entry.tags(), entry.tenantId(),
                entry.createdAt() == null ? now : entry.createdAt(), entry.expiresAt(), resolvedId(entry.supersedes()),
                false, null, false);
        int ix = state.createNode(fact);
        factIndex[position] = ix;
        if (entry.id() != null) {
            byFileId.putIfAbsent(entry.id(), ix);
        }
        if (document.edges() == null) {
            deriveEdges(entry, ix);
        }
    }

    /** The live insertion rule: DependsOn, RelatedTo, then supersession; forward references wait. */
    private void deriveEdges(FactEntry entry, int ix) {
        for (String dependency : entry.dependsOn()) {
            Integer target = byFileId.get(dependency);
            if (target != null && target != ix) {
                state.addEdge(EdgeKind.DEPENDS_ON, ix, target);
            } else {
                deferred.add(() -> resolve(dependency, ix, to -> state.addEdge(EdgeKind.DEPENDS_ON, ix, to)));
            }
        }
        state.relateToSameSubject(ix);
        if (entry.supersedes() != null) {
            Integer target = byFileId.get(entry.supersedes());
            if (target != null && target != ix) {
                state.supersede(ix, target);
            } else {
                deferred.add(() -> resolve(entry.supersedes(), ix, to -> state.supersede(ix, to)));
            }
        }
        boolean supersededLater = entry.id() != null && supersededInFile.contains(entry.id());
        if (!entry.valid() && !supersededLater) {
            state.markSuperseded(ix, null);
        }
    }

    /** Runs {@code action} on the referenced fact; a reference to nothing (or to itself) is dropped. */
    private void resolve(String fileId, int referrer, IntConsumer action) {
        Integer target = byFileId.get(fileId);
        if (target == null || target == referrer) {
            droppedReferences++;
        } else {
            action.accept(target);
        }
    }

    private void addFileEdges() {
        FileEdges file = document.edges();
        EdgeBatch fileEdges = file.edges();
        int[] indexOfId = file.indexes(this::byFileIdOrMinusOne);
        EdgeBatch batch = new EdgeBatch(fileEdges.size());
        int[] lastSuperseder = new int[state.end()];
        Arrays.fill(lastSuperseder, -1);
        for (int i = 0; i < fileEdges.size(); i++) {
            EdgeKind kind = fileEdges.kind(i);
            if (kind == EdgeKind.TEMPORAL_NEXT) {
                continue;
            }
            int from = indexOfId[fileEdges.from(i)];
            int to = indexOfId[fileEdges.to(i)];
            if (from < 0 || to < 0 || from == to) {
                droppedReferences++;
                continue;
            }
            batch.add(kind, from, to);
            if (kind == EdgeKind.SUPERSEDES) {
                lastSuperseder[to] = from;
            }
        }
        state.addEdges(batch);
        for (int i = 0; i < factIndex.length; i++) {
            FactEntry entry = document.facts().get(i);
            int ix = factIndex[i];
            int superseder = lastSuperseder[ix];
            if (!entry.valid() || superseder >= 0) {
                String named = resolvedId(entry.supersededBy());
                state.markSuperseded(ix, named != null ? named : superseder < 0 ? null : state.node(superseder).id());
            }
        }
    }

    private int byFileIdOrMinusOne(String fileId) {
        Integer ix = byFileId.get(fileId);
        return ix == null ? -1 : ix;
    }

    /** Facts the file marks invalid whose superseder never showed up. */
    private void markInvalidFacts() {
        for (int i = 0; i < factIndex.length; i++) {
            Fact fact = state.fact(factIndex[i]);
            if (!document.facts().get(i).valid() && !fact.superseded()) {
                state.markSuperseded(factIndex[i], null);
            }
        }
    }

    private void markNeedsReview() {
        for (int i = 0; i < factIndex.length; i++) {
            if (document.facts().get(i).needsReview()) {
                state.markNeedsReview(factIndex[i]);
            }
        }
    }

    private String resolvedId(String fileId) {
        if (fileId == null) {
            return null;
        }
        Integer ix = byFileId.get(fileId);
        return ix == null ? null : state.node(ix).id();
    }

    private void createTurn(TurnEntry entry) {
        String id = entry.id();
        if (id == null || !isTurnId(id) || state.indexOf(id) >= 0) {
            id = Turn.ID_PREFIX + state.nextTurn();
        }
        int ix = state.createNode(new Turn(nextSeq++, id, entry.speaker(), entry.text(),
                entry.ts() == null ? now : entry.ts()));
        if (previousTurn >= 0) {
            state.addEdge(EdgeKind.TEMPORAL_NEXT, previousTurn, ix);
        }
        previousTurn = ix;
    }

    private static boolean isTurnId(String id) {
        if (!id.startsWith(Turn.ID_PREFIX)) {
            return false;
        }
        String number = id.substring(Turn.ID_PREFIX.length());
        return number.matches("[1-9][0-9]{0,17}");
    }

    private void createEnvironment(EnvironmentItem item) {
        int existing = state.indexOf(EnvironmentEntry.ID_PREFIX + item.key());
        if (existing >= 0) {
            state.removeNode(existing);
        }
        state.createNode(new EnvironmentEntry(nextSeq++, item.key(), item.value(),
                item.updatedAt() == null ? now : item.updatedAt(), item.expiresAt()));
    }
}
