package dev.agentd.memgine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The in-memory graph of one memory graph: nodes, edges and every index retrieval needs, updated
 * incrementally by each mutation (memory §2, §5.5). Not thread-safe: the owner serialises writers
 * and lets readers share it only while no writer runs.
 *
 * <p>Nodes get a dense index {@code ix} in ascending {@code seq} order, so "ascending seq" — the
 * tie-break of the whole engine — is ascending {@code ix}. Indexes are never reused; a deleted
 * node leaves a hole until the graph is next rebuilt from a snapshot.
 *
 * <p>Visible = stored and not expired. Expiry is applied by {@link #sweep(long)}, which every
 * mutation runs at its own {@code at} before applying itself, so replaying the journal reproduces
 * exactly the same state.
 */
public final class GraphState {
    /** RelatedTo edges go to at most this many of the newest valid facts with the same subject. */
    public static final int RELATED_LIMIT = 32;

    private record Expiry(long at, int ix) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Integer.compare(ix, other.ix);
        }
    }

    private Node[] nodes = new Node[64];
    private int end;
    private int storedCount;
    private int storedFacts;
    private final BitSet expired = new BitSet();
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Map<String, Integer> mintCounters = new HashMap<>();
    private long nextSeq = 1;
    private long nextTurn = 1;
    private final EdgeStore edges = new EdgeStore();
    private final Adjacency adjacency = new Adjacency();
    private final SeedIndex index = new SeedIndex();
    private final BitSet validFacts = new BitSet();
    private final BitSet validConstraints = new BitSet();
    private final BitSet reviewFacts = new BitSet();
    private final BitSet turns = new BitSet();
    private final BitSet environment = new BitSet();
    private final Map<String, IntList> validBySubject = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();
    private final IntPredicate visible = this::isVisible;
    private int identityIndex = -1;
    private long turnsVersion;
    private long valuesVersion;
    private final EnvironmentHistory environmentHistory = new EnvironmentHistory();

    // ---------------------------------------------------------------- reads

    /** One past the highest node index ever used. */
    public int end() {
        return end;
    }

    /** The node at {@code ix}, or {@code null} if it was deleted. */
    public Node node(int ix) {
        return ix >= 0 && ix < end ? nodes[ix] : null;
    }

    public Fact fact(int ix) {
        return node(ix) instanceof Fact fact ? fact : null;
    }

    /** The index of the stored node with this id, or -1. Expired nodes are still stored. */
    public int indexOf(String id) {
        Integer ix = indexById.get(id);
        return ix == null ? -1 : ix;
    }

    public boolean isVisible(int ix) {
        return ix >= 0 && ix < end && nodes[ix] != null && !expired.get(ix);
    }

    public boolean isValidFact(int ix) {
        return validFacts.get(ix);
    }

    /** The visible fact with this id (valid or superseded), or -1. */
    public int visibleFactIndex(String id) {
        int ix = indexOf(id);
        return ix >= 0 && nodes[ix] instanceof Fact && !expired.get(ix) ? ix : -1;
    }

    public int storedNodeCount() {
        return storedCount;
    }

    /** Stored fact nodes: valid, superseded or expired (the consolidate report's count). */
    public int storedFactCount() {
        return storedFacts;
    }

    /** {@code fact_count}: valid facts, constraints included. */
    public int validFactCount() {
        return validFacts.cardinality();
    }

    public int turnCount() {
        return turns.cardinality();
    }

    /** Valid facts, ascending {@code ix}. A copy. */
    public BitSet validFacts() {
        return (BitSet) validFacts.clone();
    }

    /** Valid constraint facts, ascending {@code ix}. A copy. */
    public BitSet validConstraints() {
        return (BitSet) validConstraints.clone();
    }

    /** Valid facts with {@code needs_review}. A copy. */
    public BitSet reviewFacts() {
        return (BitSet) reviewFacts.clone();
    }

    /** Stored turns (turns never expire). A copy. */
    public BitSet turns() {
        return (BitSet) turns.clone();
    }

    /** Visible environment entries. A copy. */
    public BitSet environment() {
        return (BitSet) environment.clone();
    }

    /** Changes whenever a turn is added, removed or rewritten; lets readers cache turn filtering. */
    public long turnsVersion() {
        return turnsVersion;
    }

    /**
     * Changes whenever a fact or an environment entry is created, removed, superseded or expires;
     * lets readers cache what they derive from the valid and superseded facts and the environment.
     */
    public long valuesVersion() {
        return valuesVersion;
    }

    /** Values that {@code set_environment} replaced, oldest first (see {@link EnvironmentHistory}). */
    public List<EnvironmentHistory.Replaced> replacedEnvironmentValues() {
        return environmentHistory.values();
    }

    /** Restores the replaced environment values of a snapshot, oldest first. */
    public void restoreReplacedEnvironmentValues(List<EnvironmentHistory.Replaced> values) {
        values.forEach(environmentHistory::add);
    }

    public Identity identity() {
        return identityIndex >= 0 && isVisible(identityIndex) ? (Identity) nodes[identityIndex] : null;
    }

    public SeedIndex index() {
        if (index.isDeferring()) {
            throw new IllegalStateException("the seed index is still being built");
        }
        return index;
    }

    /**
     * For bulk loaders: from now on the seed index only records what it is asked to do, until
     * {@link #completeIndexing}. Meanwhile the graph must not be queried.
     */
    public void deferIndexing() {
        index.defer();
    }

    /**
     * Builds the deferred part of the seed index. It touches nothing but the index, so it may run
     * on another thread while this graph is otherwise only read (the snapshot being written).
     */
    public void completeIndexing() {
        index.catchUp();
    }

    /** {@link #completeIndexing} on a thread of its own, for loaders that have other work meanwhile. */
    public BackgroundTask completeIndexingInBackground(String threadName) {
        return BackgroundTask.start(threadName, this::completeIndexing);
    }

    public int walkLength(int ix) {
        return adjacency.walkLength(ix);
    }

    public int[] walkTargets(int ix) {
        return adjacency.walkTargets(ix);
    }

    public double[] walkWeights(int ix) {
        return adjacency.walkWeights(ix);
    }

    public double walkSum(int ix) {
        return adjacency.walkSum(ix);
    }

    /** Ids of the fact's DependsOn targets, in edge-creation order ({@code depends_on}). */
    public List<String> dependsOnIds(int ix) {
        return outgoingIds(ix, EdgeKind.DEPENDS_ON);
    }

    /** Indexes of the facts this fact has Supersedes edges to, in edge-creation order. */
    public List<Integer> supersededTargets(int ix) {
        List<Integer> targets = new ArrayList<>(1);
        forEachIncident(ix, (edge, kind, from, to) -> {
            if (kind == EdgeKind.SUPERSEDES && from == ix) {
                targets.add(to);
            }
        });
        return targets;
    }

    /** Indexes of the facts with a DependsOn edge to {@code ix}, ascending. */
    public List<Integer> dependents(int ix) {
        TreeSet<Integer> result = new TreeSet<>();
        forEachIncident(ix, (edge, kind, from, to) -> {
            if (kind == EdgeKind.DEPENDS_ON && to == ix) {
                result.add(from);
            }
        });
        return new ArrayList<>(result);
    }

    /** Receives one edge: its id (creation order), kind and end points. */
    @FunctionalInterface
    public interface EdgeVisitor {
        void visit(int edge, EdgeKind kind, int from, int to);
    }

    /** Every live edge in creation order. */
    public void forEachEdge(EdgeVisitor visitor) {
        for (int edge = 0; edge < edges.end(); edge++) {
            if (edges.isLive(edge)) {
                visitor.visit(edge, edges.kind(edge), edges.from(edge), edges.to(edge));
            }
        }
    }

    public void forEachIncident(int ix, EdgeVisitor visitor) {
        IntList incident = adjacency.incident(ix);
        if (incident == null) {
            return;
        }
        for (int i = 0; i < incident.size(); i++) {
            int edge = incident.get(i);
            visitor.visit(edge, edges.kind(edge), edges.from(edge), edges.to(edge));
        }
    }

    /** The earliest pending expiry, or {@link Long#MAX_VALUE}. */
    public long nextExpiry() {
        Expiry head = expiries.peek();
        return head == null ? Long.MAX_VALUE : head.at;
    }

    public long nextSeq() {
        return nextSeq;
    }

    public long nextTurn() {
        return nextTurn;
    }

    /** The id minting counters {@code c[r]} (memory §2.3), sorted by requested id (a sorted copy: files must not depend on hash order). */
    public List<Map.Entry<String, Integer>> mintCounters() {
        List<Map.Entry<String, Integer>> counters = new ArrayList<>(mintCounters.size());
        mintCounters.forEach((requested, counter) -> counters.add(Map.entry(requested, counter)));
        counters.sort(Map.Entry.comparingByKey());
        return counters;
    }

    /** The id the next write requesting {@code requested} will get; changes nothing. */
    public String peekMint(String requested) {
        int counter = mintCounters.getOrDefault(requested, 0);
        while (true) {
            counter++;
            String candidate = counter == 1 ? requested : requested + "-" + counter;
            if (!indexById.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    /** Mints an id for {@code requested} (memory §2.3) and records the counter. */
    public String mint(String requested) {
        String minted = peekMint(requested);
        recordMint(requested, minted);
        return minted;
    }

    // ---------------------------------------------------------------- mutations

    /** Applies one journal record: first sweeps what expired by its {@code at}, then its effect. */
    public void apply(Mutation mutation) {
        sweep(mutation.at());
        if (mutation instanceof Mutation.AddFact add) {
            addFact(add);
        } else if (mutation instanceof Mutation.DeleteFact delete) {
            removeNode(requireFact(delete.id()));
        } else if (mutation instanceof Mutation.SetIdentity identity) {
            setIdentity(identity);
        } else if (mutation instanceof Mutation.AddTurn turn) {
            addTurn(turn);
        } else if (mutation instanceof Mutation.SetEnvironment entry) {
            setEnvironment(entry);
        } else if (mutation instanceof Mutation.Consolidate consolidate) {
            consolidate(consolidate);
        }
    }

    /** Hides every node whose expiry is due at {@code now} from the indexes and the walk. */
    public void sweep(long now) {
        while (!expiries.isEmpty() && expiries.peek().at <= now) {
            Expiry due = expiries.poll();
            Node node = nodes[due.ix];
            if (node != null && !expired.get(due.ix) && Objects.equals(node.expiresAt(), due.at)) {
                markExpired(due.ix);
            }
        }
    }

    private void addFact(Mutation.AddFact add) {
        recordMint(add.requestedId(), add.id());
        Fact fact = new Fact(nextSeq, add.id(), add.subject(), add.body(), add.kind(), add.isConstraint(),
                add.confidence(), add.confidenceLabel(), Fact.authorityOf(add.tags()), add.tags(), add.tenantId(),
                add.at(), add.expiresAt(), add.supersedes(), false, null, false);
        int ix = createNode(fact);
        for (String dependency : add.dependsOn()) {
            addEdge(EdgeKind.DEPENDS_ON, ix, requireFact(dependency));
        }
        relateToSameSubject(ix);
        if (add.supersedes() != null) {
            supersede(ix, requireFact(add.supersedes()));
        }
    }

    private void setIdentity(Mutation.SetIdentity set) {
        if (identityIndex >= 0) {
            removeNode(identityIndex);
        }
        if (!set.body().isEmpty()) {
            createNode(new Identity(nextSeq, set.body()));
        }
    }

    private void addTurn(Mutation.AddTurn add) {
        int previous = turns.length() - 1;
        int ix = createNode(new Turn(nextSeq, add.id(), add.speaker(), add.text(), add.ts()));
        if (previous >= 0) {
            addEdge(EdgeKind.TEMPORAL_NEXT, previous, ix);
        }
    }

    private void setEnvironment(Mutation.SetEnvironment set) {
        int existing = indexOf(EnvironmentEntry.ID_PREFIX + set.key());
        if (existing >= 0) {
            if (isVisible(existing) && !nodes[existing].body().equals(set.value())) {
                environmentHistory.add(new EnvironmentHistory.Replaced(set.key(), nodes[existing].body()));
            }
            removeNode(existing);
        }
        createNode(new EnvironmentEntry(nextSeq, set.key(), set.value(), set.at(), set.expiresAt()));
    }

    private void consolidate(Mutation.Consolidate consolidate) {
        for (String id : consolidate.deleted()) {
            int ix = indexOf(id);
            if (ix < 0) {
                throw new IllegalStateException("consolidate deletes unknown node '" + id + "'");
            }
            removeNode(ix);
        }
        for (Mutation.TurnRewrite rewrite : consolidate.rewrites()) {
            int ix = indexOf(rewrite.id());
            if (!(node(ix) instanceof Turn turn)) {
                throw new IllegalStateException("consolidate rewrites unknown turn '" + rewrite.id() + "'");
            }
            index.remove(ix);
            nodes[ix] = turn.withText(rewrite.text());
            index.add(ix, nodes[ix].document());
            turnsVersion++;
        }
    }

    private int requireFact(String id) {
        int ix = indexOf(id);
        if (ix < 0 || !(nodes[ix] instanceof Fact)) {
            throw new IllegalStateException("unknown fact '" + id + "'");
        }
        return ix;
    }

    private void recordMint(String requested, String minted) {
        if (minted.equals(requested)) {
            mintCounters.put(requested, 1);
        } else if (minted.startsWith(requested + "-")) {
            mintCounters.put(requested, Integer.parseInt(minted.substring(requested.length() + 1)));
        } else {
            throw new IllegalStateException("id '" + minted + "' was not minted from '" + requested + "'");
        }
    }

    // ---------------------------------------------------------------- building blocks (also used by loaders)

    /**
     * Stores a node with its own {@code seq} (which must be higher than every earlier one) and
     * enters it in the indexes its type and flags call for. Adds no edges.
     */
    public int createNode(Node node) {
        if (node.seq() < nextSeq) {
            throw new IllegalStateException("seq " + node.seq() + " is not above " + (nextSeq - 1));
        }
        if (indexById.containsKey(node.id())) {
            throw new IllegalStateException("duplicate node id '" + node.id() + "'");
        }
        int ix = end++;
        countValueChange(node);
        ensureCapacity(end);
        nodes[ix] = node;
        storedCount++;
        indexById.put(node.id(), ix);
        adjacency.addNode(ix);
        nextSeq = node.seq() + 1;
        if (node instanceof Fact fact) {
            storedFacts++;
            if (!fact.superseded()) {
                enterValid(ix, fact);
            }
        } else {
            index.add(ix, node.document());
            if (node instanceof Identity) {
                identityIndex = ix;
            } else if (node instanceof Turn turn) {
                turns.set(ix);
                turnsVersion++;
                nextTurn = Math.max(nextTurn, Turn.number(turn.id()) + 1);
            } else {
                environment.set(ix);
            }
        }
        if (node.expiresAt() != null) {
            expiries.add(new Expiry(node.expiresAt(), ix));
        }
        return ix;
    }

    public void addEdge(EdgeKind kind, int from, int to) {
        int edge = edges.add(kind, from, to);
        adjacency.connect(edge, kind, from, to, visible);
    }

    /**
     * Adds the batch's edges in order, exactly as {@link #addEdge} one by one would, with the
     * edge and adjacency arrays sized once up front: loaders add a whole file's edges at a time.
     */
    public void addEdges(EdgeBatch batch) {
        BitSet visibleNow = new BitSet(end);
        for (int ix = 0; ix < end; ix++) {
            visibleNow.set(ix, isVisible(ix));
        }
        IntPredicate visibleDuringBatch = visibleNow::get;
        edges.reserve(batch.size());
        adjacency.reserve(batch, visibleDuringBatch);
        for (int i = 0; i < batch.size(); i++) {
            int edge = edges.add(batch.kind(i), batch.from(i), batch.to(i));
            adjacency.connect(edge, batch.kind(i), batch.from(i), batch.to(i), visibleDuringBatch);
        }
    }

    /** RelatedTo edges from {@code ix} to the newest valid facts with exactly its subject, newest first. */
    public void relateToSameSubject(int ix) {
        IntList sameSubject = validBySubject.get(nodes[ix].subject());
        if (sameSubject == null) {
            return;
        }
        int added = 0;
        for (int i = sameSubject.size() - 1; i >= 0 && added < RELATED_LIMIT; i--) {
            int target = sameSubject.get(i);
            if (target != ix) {
                addEdge(EdgeKind.RELATED_TO, ix, target);
                added++;
            }
        }
    }

    /**
     * Supersession (memory §2.4 step 4): the Supersedes edge, the target leaves the valid set with
     * {@code superseded_by} moved to the newer fact, and every valid fact depending on the target
     * gets {@code needs_review}.
     */
    public void supersede(int newer, int older) {
        addEdge(EdgeKind.SUPERSEDES, newer, older);
        markSuperseded(older, nodes[newer].id());
        for (int dependent : dependents(older)) {
            if (validFacts.get(dependent)) {
                Fact fact = (Fact) nodes[dependent];
                nodes[dependent] = fact.withNeedsReview(true);
                reviewFacts.set(dependent);
            }
        }
    }

    /** Marks a fact superseded (clearing its {@code needs_review}); {@code newerId} may be null. */
    public void markSuperseded(int ix, String newerId) {
        Fact fact = (Fact) nodes[ix];
        valuesVersion++;
        if (validFacts.get(ix)) {
            leaveValid(ix, fact);
        }
        Fact superseded = fact.supersededBy(newerId);
        nodes[ix] = superseded;
    }

    /** Sets {@code needs_review} on a valid fact. */
    public void markNeedsReview(int ix) {
        if (validFacts.get(ix)) {
            nodes[ix] = ((Fact) nodes[ix]).withNeedsReview(true);
            reviewFacts.set(ix);
        }
    }

    /** Deletes a node with its edges; a deleted turn's neighbours are linked to each other. */
    public void removeNode(int ix) {
        Node node = nodes[ix];
        countValueChange(node);
        int[] turnNeighbours = node instanceof Turn ? temporalNeighbours(ix) : null;
        if (node instanceof Fact fact) {
            if (validFacts.get(ix)) {
                leaveValid(ix, fact);
            }
            storedFacts--;
        } else if (node instanceof Identity) {
            identityIndex = -1;
        } else if (node instanceof Turn) {
            turns.clear(ix);
            turnsVersion++;
        } else {
            environment.clear(ix);
        }
        index.remove(ix);
        TreeSet<Integer> neighbours = new TreeSet<>();
        for (int edge : adjacency.incident(ix).toArray()) {
            int from = edges.from(edge);
            int to = edges.to(edge);
            adjacency.disconnect(edge, from, to);
            edges.remove(edge);
            neighbours.add(from == ix ? to : from);
        }
        nodes[ix] = null;
        storedCount--;
        expired.clear(ix);
        indexById.remove(node.id());
        adjacency.removeNode(ix);
        for (int neighbour : neighbours) {
            adjacency.rebuildWalk(neighbour, edges, visible);
        }
        if (turnNeighbours != null && turnNeighbours[0] >= 0 && turnNeighbours[1] >= 0) {
            addEdge(EdgeKind.TEMPORAL_NEXT, turnNeighbours[0], turnNeighbours[1]);
        }
    }

    private void countValueChange(Node node) {
        if (node instanceof Fact || node instanceof EnvironmentEntry) {
            valuesVersion++;
        }
    }

    private int[] temporalNeighbours(int ix) {
        int[] result = {-1, -1};
        forEachIncident(ix, (edge, kind, from, to) -> {
            if (kind == EdgeKind.TEMPORAL_NEXT) {
                if (to == ix) {
                    result[0] = from;
                } else {
                    result[1] = to;
                }
            }
        });
        return result;
    }

    private void markExpired(int ix) {
        expired.set(ix);
        countValueChange(nodes[ix]);
        index.remove(ix);
        if (nodes[ix] instanceof Fact fact && validFacts.get(ix)) {
            leaveValid(ix, fact);
        }
        environment.clear(ix);
        adjacency.clearWalk(ix);
        TreeSet<Integer> neighbours = new TreeSet<>();
        forEachIncident(ix, (edge, kind, from, to) -> neighbours.add(from == ix ? to : from));
        for (int neighbour : neighbours) {
            adjacency.rebuildWalk(neighbour, edges, visible);
        }
    }

    private void enterValid(int ix, Fact fact) {
        validFacts.set(ix);
        if (fact.isConstraint()) {
            validConstraints.set(ix);
        }
        if (fact.needsReview()) {
            reviewFacts.set(ix);
        }
        validBySubject.computeIfAbsent(fact.subject(), s -> new IntList(1)).insertSorted(ix);
        index.add(ix, fact.document());
    }

    private void leaveValid(int ix, Fact fact) {
        validFacts.clear(ix);
        validConstraints.clear(ix);
        reviewFacts.clear(ix);
        IntList sameSubject = validBySubject.get(fact.subject());
        if (sameSubject != null) {
            sameSubject.removeSorted(ix);
            if (sameSubject.isEmpty()) {
                validBySubject.remove(fact.subject());
            }
        }
        index.remove(ix);
    }

    /** Restores the minting counters and sequence numbers of a snapshot. */
    public void restoreCounters(Map<String, Integer> counters, long savedNextSeq, long savedNextTurn) {
        mintCounters.clear();
        mintCounters.putAll(counters);
        nextSeq = Math.max(nextSeq, savedNextSeq);
        nextTurn = Math.max(nextTurn, savedNextTurn);
    }

    private List<String> outgoingIds(int ix, EdgeKind wanted) {
        List<String> ids = new ArrayList<>(2);
        forEachIncident(ix, (edge, kind, from, to) -> {
            if (kind == wanted && from == ix) {
                ids.add(nodes[to].id());
            }
        });
        return ids;
    }

    private void ensureCapacity(int capacity) {
        if (capacity > nodes.length) {
            nodes = Arrays.copyOf(nodes, Math.max(capacity, nodes.length * 2));
        }
        adjacency.ensureCapacity(capacity);
    }
}
