package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.graph.BackgroundTask;
import dev.agentd.memgine.graph.EdgeBatch;
import dev.agentd.memgine.graph.EdgeKind;
import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.EnvironmentHistory;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.memgine.graph.Node;
import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.store.DocumentEntries.FactEntry;
import dev.agentd.memgine.store.DocumentEntries.FileEdges;
import dev.agentd.memgine.store.DocumentReader.Document;
import dev.agentd.memgine.store.DocumentReader.Entries;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code snapshot.json} (memory §9.1): the full state up to journal record {@code journal_lsn} —
 * every stored node with its {@code seq} (expired ones too: they still hold their ids and count
 * in consolidate), every edge of all four kinds in creation order, the minting counters — so a
 * reloaded graph is identical down to walk-entry order.
 *
 * <p>Additions to the listed fields: {@code at}, the graph clock's floor when the snapshot was
 * written (the clock never goes backwards across a restart, which keeps replayed expiry exact),
 * {@code identity} as {@code {seq, body}} so the identity keeps its {@code seq}, and
 * {@code replaced_environment}, the values {@code set_environment} replaced (oldest first), which
 * {@code build_context} treats as dead text; a snapshot without it loads with none.
 */
public final class SnapshotFile {
    public static final String FILE_NAME = "snapshot.json";
    public static final String FORMAT = "agentd-memgine-snapshot";
    private static final List<EdgeKind> ALL_KINDS = List.of(EdgeKind.values());
    private static final String REPLACED_ENVIRONMENT = "replaced_environment";

    private SnapshotFile() {}

    /** A graph rebuilt from a snapshot. */
    public record Restored(GraphState state, long journalLsn, long clockFloor) {}

    public static Path path(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /** Writes {@code snapshot.json.tmp}, fsyncs, renames over {@code snapshot.json}, fsyncs the directory. */
    public static void write(Path directory, GraphState state, String label, long journalLsn, long clockFloor)
            throws IOException {
        write(directory, state, label, journalLsn, clockFloor, () -> { });
    }

    /**
     * {@link #write(Path, GraphState, String, long, long)} that runs {@code beforeReplace} once the
     * document is written and before it replaces the old snapshot: if that throws, the old
     * snapshot stays. A loader waits there for work it did alongside the writing.
     */
    public static void write(Path directory, GraphState state, String label, long journalLsn, long clockFloor,
            Runnable beforeReplace) throws IOException {
        SecureFiles.replaceDurably(path(directory), out -> {
            writeDocument(out, state, label, journalLsn, clockFloor);
            beforeReplace.run();
        });
    }

    private static void writeDocument(OutputStream out, GraphState state, String label, long journalLsn,
            long clockFloor) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", 1);
            g.writeStringField("graph", label);
            g.writeNumberField("journal_lsn", journalLsn);
            g.writeNumberField("at", clockFloor);
            g.writeNumberField("next_seq", state.nextSeq());
            g.writeNumberField("next_turn", state.nextTurn());
            g.writeObjectFieldStart("counters");
            for (Map.Entry<String, Integer> counter : state.mintCounters()) {
                g.writeNumberField(counter.getKey(), counter.getValue());
            }
            g.writeEndObject();
            writeIdentity(g, state);
            DocumentWriter nodes = new DocumentWriter(g, state, TimeStyle.EPOCH_MILLIS, ix -> state.node(ix) != null);
            nodes.writeFacts();
            nodes.writeEdges(ALL_KINDS);
            nodes.writeTurns();
            nodes.writeEnvironment();
            writeReplacedEnvironment(g, state);
            g.writeEndObject();
        }
    }

    private static void writeReplacedEnvironment(JsonGenerator g, GraphState state) throws IOException {
        g.writeArrayFieldStart(REPLACED_ENVIRONMENT);
        for (EnvironmentHistory.Replaced replaced : state.replacedEnvironmentValues()) {
            g.writeStartObject();
            g.writeStringField("key", replaced.key());
            g.writeStringField("value", replaced.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeIdentity(JsonGenerator g, GraphState state) throws IOException {
        Identity identity = state.identity();
        if (identity == null) {
            g.writeNullField("identity");
            return;
        }
        g.writeObjectFieldStart("identity");
        g.writeNumberField("seq", identity.seq());
        g.writeStringField("body", identity.body());
        g.writeEndObject();
    }

    /**
     * Reads and rebuilds the snapshot; an absent file is an empty graph at lsn 0. Throws
     * {@link IllegalArgumentException} with the reason when the file cannot be used.
     */
    public static Restored read(Path directory) throws IOException {
        Path file = path(directory);
        if (!Files.exists(file)) {
            return new Restored(new GraphState(), 0, Long.MIN_VALUE);
        }
        Document document;
        try {
            document = DocumentReader.read(file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(JsonSyntax.describe(e));
        }
        JsonNode root = document.members();
        if (!document.isObject() || !FORMAT.equals(Fields.optionalString(root, "format"))) {
            throw new IllegalArgumentException("not an " + FORMAT + " document");
        }
        if (Fields.requiredLong(root, "version") != 1) {
            throw new IllegalArgumentException("unsupported version " + root.get("version"));
        }
        GraphState state = rebuild(document);
        Long clockFloor = Fields.optionalLong(root, "at");
        return new Restored(state, Fields.requiredLong(root, "journal_lsn"),
                clockFloor == null ? Long.MIN_VALUE : clockFloor);
    }

    /** The nodes in seq order, then their edges; the seed index is built on a second thread meanwhile. */
    private static GraphState rebuild(Document document) {
        JsonNode root = document.members();
        List<Node> nodes = new ArrayList<>();
        JsonNode identity = root.get("identity");
        if (identity != null && !identity.isNull()) {
            nodes.add(new Identity(Fields.requiredLong(identity, "seq"), Fields.requiredString(identity, "body")));
        }
        forEach(document.facts(), root, "facts", entry -> nodes.add(fact(entry)));
        forEach(document.turns(), root, "turns", turn -> nodes.add(new Turn(require(turn.seq(), "seq"),
                require(turn.id(), "turn id"), turn.speaker(), turn.text(), require(turn.ts(), "ts"))));
        forEach(document.environment(), root, "environment", entry -> nodes.add(new EnvironmentEntry(
                require(entry.seq(), "seq"), entry.key(), entry.value(), require(entry.updatedAt(), "updated_at"),
                entry.expiresAt())));
        nodes.sort(Comparator.comparingLong(Node::seq));
        GraphState state = new GraphState();
        state.deferIndexing();
        try {
            nodes.forEach(state::createNode);
            BackgroundTask indexing = state.completeIndexingInBackground("memgine-index");
            try {
                state.addEdges(edges(document.edges(), root, state));
            } finally {
                indexing.await();
            }
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        state.restoreCounters(counters(root), Fields.requiredLong(root, "next_seq"),
                Fields.requiredLong(root, "next_turn"));
        state.restoreReplacedEnvironmentValues(replacedEnvironment(root));
        return state;
    }

    private static Fact fact(FactEntry entry) {
        return new Fact(require(entry.seq(), "seq"), require(entry.id(), "fact id"), entry.subject(), entry.body(),
                entry.kind(), entry.isConstraint(), entry.confidence(), entry.confidenceLabel(), entry.authority(),
                entry.tags(), entry.tenantId(), require(entry.createdAt(), "created_at"), entry.expiresAt(),
                entry.supersedes(), !entry.valid(), entry.supersededBy(), entry.needsReview());
    }

    /** Absent in snapshots written before the field existed: then nothing was remembered. */
    private static List<EnvironmentHistory.Replaced> replacedEnvironment(JsonNode root) {
        List<EnvironmentHistory.Replaced> values = new ArrayList<>();
        for (JsonNode item : Fields.array(root, REPLACED_ENVIRONMENT)) {
            values.add(new EnvironmentHistory.Replaced(Fields.requiredString(item, "key"),
                    Fields.requiredString(item, "value")));
        }
        return values;
    }

    private static Map<String, Integer> counters(JsonNode root) {
        Map<String, Integer> counters = new LinkedHashMap<>();
        JsonNode node = root.get("counters");
        if (node != null && node.isObject()) {
            node.properties().forEach(entry -> {
                if (!entry.getValue().canConvertToInt()) {
                    throw new IllegalArgumentException("counters must hold integers");
                }
                counters.put(entry.getKey(), entry.getValue().intValue());
            });
        }
        return counters;
    }

    /**
     * Runs {@code action} on the entries of a streamed array in order, then throws the entry that
     * failed, if any; an absent member is empty and any other non-array value is rejected.
     */
    private static <T> void forEach(Entries<T> entries, JsonNode root, String name, Consumer<T> action) {
        if (entries == null) {
            Fields.array(root, name);
            return;
        }
        entries.items().forEach(action);
        if (entries.failure() != null) {
            throw entries.failure();
        }
    }

    /** The file's edges between the restored nodes; an edge naming any other id fails the read. */
    private static EdgeBatch edges(FileEdges file, JsonNode root, GraphState state) {
        if (file == null) {
            Fields.array(root, "edges");
            return new EdgeBatch(0);
        }
        EdgeBatch fileEdges = file.edges();
        int[] indexOfId = file.indexes(state::indexOf);
        EdgeBatch batch = new EdgeBatch(fileEdges.size());
        for (int i = 0; i < fileEdges.size(); i++) {
            batch.add(fileEdges.kind(i), existing(indexOfId[fileEdges.from(i)]), existing(indexOfId[fileEdges.to(i)]));
        }
        if (file.failure() != null) {
            throw file.failure();
        }
        return batch;
    }

    private static int existing(int ix) {
        if (ix < 0) {
            throw new IllegalArgumentException("an edge names a node the snapshot does not hold");
        }
        return ix;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
