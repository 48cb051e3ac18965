package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.memgine.store.DocumentEntries.EnvironmentItem;
import dev.agentd.memgine.store.DocumentEntries.FactEntry;
import dev.agentd.memgine.store.DocumentEntries.FileEdges;
import dev.agentd.memgine.store.DocumentEntries.TurnEntry;
import dev.agentd.memgine.graph.EdgeBatch;
import dev.agentd.memgine.graph.EdgeKind;
import dev.agentd.memgine.text.StringTable;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an export (memory §8.2) or snapshot (§9.1) document in one streaming pass. The four big
 * arrays — {@code facts}, {@code edges}, {@code turns}, {@code environment} — are converted entry
 * by entry as they are read; every other member is kept as a small tree. A 100k-fact file read
 * as one tree took about three times its size in short-lived-but-not-short-enough objects and
 * most of a load's time. Here facts ({@link FactEntryReader}) and edges ({@code ["R","a","b"]},
 * the bulk of a snapshot, into {@link FileEdges}) are read straight from the tokens, and each
 * turn or environment entry from its own small tree, which dies young.
 *
 * <p>The result is what reading the whole tree first gave: the last of duplicate members wins,
 * a failed entry does not stop the pass (the failure is kept and later entries are only checked
 * for syntax, so a syntax error anywhere still wins as it did when the tree was parsed before any
 * entry was looked at), and a syntax error is reported at exactly the tree parser's location:
 * on that rare path the file is parsed again as a tree.
 */
final class DocumentReader {
    private static final String FACTS = "facts";
    private static final String EDGES = "edges";
    private static final String TURNS = "turns";
    private static final String ENVIRONMENT = "environment";
    private static final String EDGE_SHAPE = "an edge must be [kind, from, to]";
    /**
     * The shared configuration without interning field names: a snapshot's {@code counters} has
     * one distinct name per minted id, and {@code String.intern} of 100k names cost more than
     * reading all the facts.
     */
    private static final JsonFactory FACTORY = Json.mapper().getFactory().rebuild()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    /** Reads one value as a tree in the middle of a document, so the rest is not "trailing". */
    private static final ObjectReader TREE = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DocumentReader() {}

    /** Reads the entry at the parser's current token into its destination, consuming all of it even when it fails. */
    @FunctionalInterface
    private interface EntryReader {
        void read(JsonParser parser) throws IOException;
    }

    /**
     * The entries of one array up to the first that failed, and that failure ({@code null} if
     * none). A caller processes {@link #items()} in order and then throws {@link #failure()}, which
     * keeps the order in which the failures of a whole-tree read surfaced.
     */
    /** What reading one of the big arrays left: the first entry that failed (null if none) and its index. */
    interface ArrayRead {
        IllegalArgumentException failure();

        int failedAt();
    }

    record Entries<T>(List<T> items, IllegalArgumentException failure) implements ArrayRead {
        @Override
        public int failedAt() {
            return items.size();
        }
    }

    /**
     * The document. For a root object, each big array member is in its {@link Entries} (or
     * {@code null} when the member is absent or not an array) and every other member, a
     * non-array value of a big-array name included, is in {@code members}. A root array is read
     * as {@code facts}.
     */
    record Document(JsonToken root, ObjectNode members, Entries<FactEntry> facts, FileEdges edges,
            Entries<TurnEntry> turns, Entries<EnvironmentItem> environment) {
        boolean isObject() {
            return root == JsonToken.START_OBJECT;
        }

        boolean isArray() {
            return root == JsonToken.START_ARRAY;
        }
    }

    static Document read(Path file) throws IOException {
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            return read(parser);
        } catch (JsonProcessingException e) {
            Json.mapper().readTree(file.toFile());
            throw e;
        }
    }

    private static Document read(JsonParser parser) throws IOException {
        JsonToken root = parser.nextToken();
        Builder document = new Builder(root);
        if (root == JsonToken.START_ARRAY) {
            document.facts = facts(parser);
        } else if (root == JsonToken.START_OBJECT) {
            readMembers(parser, document);
        } else if (root != null) {
            parser.skipChildren();
        }
        if (root != null && parser.nextToken() != null) {
            throw new JsonParseException(parser, "trailing tokens");
        }
        return document.build();
    }

    private static void readMembers(JsonParser parser, Builder document) throws IOException {
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            document.clear(name);
            if (value != JsonToken.START_ARRAY || !document.streams(name)) {
                document.members.set(name, TREE.<JsonNode>readTree(parser));
            } else {
                switch (name) {
                    case FACTS -> document.facts = facts(parser);
                    case EDGES -> document.edges = edges(parser, document.facts);
                    case TURNS -> document.turns = entries(parser, DocumentEntries::turn);
                    default -> document.environment = entries(parser, DocumentEntries::environment);
                }
            }
        }
    }

    /**
     * The edges; when the facts came first (as in every file agentd writes), their ids are
     * numbered up front, so the ends found in the edges need no strings of their own.
     */
    private static FileEdges edges(JsonParser parser, Entries<FactEntry> facts) throws IOException {
        int factCount = facts == null ? 0 : facts.items().size();
        StringTable ids = new StringTable(Math.max(1024, factCount));
        for (int i = 0; i < factCount; i++) {
            String id = facts.items().get(i).id();
            if (id != null) {
                ids.add(id);
            }
        }
        EdgeBatch edges = new EdgeBatch(Math.max(1024, factCount * 4));
        IllegalArgumentException failure = readArray(parser, p -> edge(p, ids, edges));
        return new FileEdges(ids, edges, failure);
    }

    private static Entries<FactEntry> facts(JsonParser parser) throws IOException {
        List<FactEntry> facts = new ArrayList<>();
        IllegalArgumentException failure = readArray(parser, p -> facts.add(FactEntryReader.read(p)));
        return new Entries<>(facts, failure);
    }

    /** The entries of the array at the parser's current token, each converted from its own small tree. */
    private static <T> Entries<T> entries(JsonParser parser, Function<JsonNode, T> converter) throws IOException {
        List<T> items = new ArrayList<>();
        IllegalArgumentException failure = readArray(parser, p -> items.add(converter.apply(TREE.readTree(p))));
        return new Entries<>(items, failure);
    }

    /**
     * Reads every entry of the array at the parser's current token and returns the first failure
     * (null if none); after it, later entries are only checked for syntax.
     */
    private static IllegalArgumentException readArray(JsonParser parser, EntryReader reader) throws IOException {
        IllegalArgumentException failure = null;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (failure != null) {
                parser.skipChildren();
                continue;
            }
            try {
                reader.read(parser);
            } catch (IllegalArgumentException e) {
                failure = e;
            }
        }
        return failure;
    }

    /**
     * {@code [kind, from, to]}, with the checks and messages of a tree read (the shape is checked
     * before the kind); both ends are numbered in {@code ids} straight from the parser's buffer.
     */
    private static void edge(JsonParser parser, StringTable ids, EdgeBatch edges) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw new IllegalArgumentException(EDGE_SHAPE);
        }
        EdgeKind kind = null;
        int from = -1;
        int to = -1;
        int count = 0;
        boolean allText = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                allText = false;
                parser.skipChildren();
            } else if (count == 0) {
                kind = edgeKind(parser);
            } else if (count == 1) {
                from = endNumber(parser, ids, edges.size() == 0 ? -1 : edges.from(edges.size() - 1));
            } else if (count == 2) {
                to = endNumber(parser, ids, -1);
            }
            count++;
        }
        if (!allText || count != 3) {
            throw new IllegalArgumentException(EDGE_SHAPE);
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown edge kind (one of R, D, S, T)");
        }
        edges.add(kind, from, to);
    }

    /**
     * The id number of the current string. Edges come in creation order, so a fact's RelatedTo
     * edges to up to 32 same-subject facts share their {@code from}: comparing with the previous
     * one is much cheaper than a lookup that misses the cache.
     */
    private static int endNumber(JsonParser parser, StringTable ids, int previous) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (previous >= 0 && ids.matches(previous, chars, offset, length)) {
            return previous;
        }
        return ids.add(chars, offset, length);
    }

    /** The kind whose one-letter code is the current string, or null. */
    private static EdgeKind edgeKind(JsonParser parser) throws IOException {
        return parser.getTextLength() == 1 ? EdgeKind.ofCode(parser.getTextCharacters()[parser.getTextOffset()]) : null;
    }

    private static final class Builder {
        private final JsonToken root;
        private final ObjectNode members = Json.mapper().createObjectNode();
        private Entries<FactEntry> facts;
        private FileEdges edges;
        private Entries<TurnEntry> turns;
        private Entries<EnvironmentItem> environment;

        Builder(JsonToken root) {
            this.root = root;
        }

        boolean streams(String name) {
            return name.equals(FACTS) || name.equals(EDGES) || name.equals(TURNS) || name.equals(ENVIRONMENT);
        }

        /** A member read again replaces what an earlier one with its name left. */
        void clear(String name) {
            members.remove(name);
            switch (name) {
                case FACTS -> facts = null;
                case EDGES -> edges = null;
                case TURNS -> turns = null;
                case ENVIRONMENT -> environment = null;
                default -> { }
            }
        }

        Document build() {
            return new Document(root, members, facts, edges, turns, environment);
        }
    }
}
