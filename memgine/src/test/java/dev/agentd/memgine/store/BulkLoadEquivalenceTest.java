package dev.agentd.memgine.store;

import static dev.agentd.memgine.TestGraphs.factBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk paths of {@code memory.load} and graph open (memory §8.3, §9.5) — streamed parsing,
 * edges added as one batch with presized arrays, the seed index filled per document — build the
 * very graph that live writes build: the snapshots they write are equal field for field, down to
 * edge and walk-entry order. Graphs are large enough for subjects with more than
 * {@code RELATED_LIMIT} facts, supersession chains and dependents flagged for review.
 */
class BulkLoadEquivalenceTest {
    private static final int FACTS = 1500;
    private static final List<String> WORDS = List.of("deploy", "Target", "prod-eu-1", "db", "replicas", "now?",
            "v1.2", "a/b", "x_y", "ünï", "ΣΟΦΊΑ", "budget", "(draft)", "cache", "api", "the");
    private static final List<String> QUERIES = List.of("deploy target", "budget replicas", "cache api now?",
            "ünï", "σοφία", "x_y v1.2");

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.at("2025-06-01T09:00:00Z");
    private final List<MemoryGraph> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(MemoryGraph::close);
    }

    private MemoryGraph open(String name) {
        MemoryGraph graph = TestGraphs.open(root.resolve(name), clock);
        opened.add(graph);
        return graph;
    }

    @Test
    void loadingABareFactArrayBuildsWhatLiveWritesBuild() throws IOException {
        MemoryGraph live = open("live");
        List<FactInput> facts = randomFacts(new SplittableRandom(7));
        facts.forEach(live::addFact);
        Path file = root.resolve("facts.json");
        writeBareArray(facts, file);

        MemoryGraph loaded = open("loaded");
        loaded.load(file, "facts.json");

        assertSameAnswers(loaded, live);
        assertThat(snapshotOf(loaded)).isEqualTo(snapshotOf(live));
    }

    @Test
    void loadingAnExportRestoresTheGraphItCameFrom() throws IOException {
        MemoryGraph source = open("source");
        SplittableRandom random = new SplittableRandom(11);
        source.setIdentity("User: Matt\nRole: Director");
        List<FactInput> facts = randomFacts(random);
        for (int i = 0; i < facts.size(); i++) {
            source.addFact(facts.get(i));
            if (i % 97 == 0) {
                source.addTurn(i % 2 == 0 ? "user" : "assistant", text(random), null);
            }
            if (i % 301 == 0) {
                source.setEnvironment("key-" + i, text(random), null);
            }
        }
        Path export = root.resolve("export.json");
        source.persist(export);

        MemoryGraph loaded = open("loaded");
        loaded.load(export, "export.json");

        assertSameAnswers(loaded, source);
        ObjectNode loadedSnapshot = snapshotOf(loaded);
        ObjectNode sourceSnapshot = snapshotOf(source);
        for (String kinds : List.of("RDS", "T")) {
            assertThat(edges(loadedSnapshot, kinds)).as(kinds).isEqualTo(edges(sourceSnapshot, kinds));
        }
        loadedSnapshot.remove("edges");
        sourceSnapshot.remove("edges");
        assertThat(loadedSnapshot).isEqualTo(sourceSnapshot);
    }

    @Test
    void reopeningRebuildsTheGraphItsSnapshotWasWrittenFrom() throws IOException {
        MemoryGraph graph = open("graph");
        randomFacts(new SplittableRandom(13)).forEach(graph::addFact);
        graph.addTurn("user", "first", null);
        graph.addTurn("assistant", "second", null);
        graph.fold();
        byte[] written = Files.readAllBytes(SnapshotFile.path(graph.directory()));
        graph.close();
        opened.remove(graph);

        MemoryGraph reopened = open("graph");
        reopened.fold();

        assertThat(Files.readAllBytes(SnapshotFile.path(reopened.directory()))).isEqualTo(written);
    }

    /** Facts over 20 subjects (so some have more than 32 valid facts), with supersessions and dependencies. */
    private static List<FactInput> randomFacts(SplittableRandom random) {
        List<FactInput> facts = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < FACTS; i++) {
            String id = "f-" + i;
            FactInput.Builder fact = factBuilder("subject " + random.nextInt(20), text(random)).id(id);
            if (i % 7 == 3 && !valid.isEmpty()) {
                String older = valid.remove(random.nextInt(valid.size()));
                fact.supersedes(older);
            }
            if (i % 11 == 5 && all.size() > 2) {
                fact.dependsOn(List.of(all.get(random.nextInt(all.size())), all.get(random.nextInt(all.size()))));
            }
            if (i % 13 == 0) {
                fact.kind("constraint");
            }
            if (i % 5 == 0) {
                fact.tags(List.of("authority:policy"));
            }
            facts.add(fact.build());
            valid.add(id);
            all.add(id);
        }
        return facts;
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int words = 2 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }

    private static void writeBareArray(List<FactInput> facts, Path file) throws IOException {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(file.toFile(),
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            json.writeStartArray();
            for (FactInput fact : facts) {
                json.writeStartObject();
                json.writeStringField("id", fact.id());
                json.writeStringField("subject", fact.subject());
                json.writeStringField("body", fact.body());
                json.writeStringField("kind", fact.kind());
                json.writeArrayFieldStart("tags");
                for (String tag : fact.tags()) {
                    json.writeString(tag);
                }
                json.writeEndArray();
                if (fact.supersedes() != null) {
                    json.writeStringField("supersedes", fact.supersedes());
                }
                json.writeArrayFieldStart("depends_on");
                for (String dependency : fact.dependsOn()) {
                    json.writeString(dependency);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /**
     * A snapshot's edges of the given kinds, in order. An export has no TemporalNext edges: a load
     * links the turns as it creates them, so those come before the file's fact edges instead of
     * between them; each kind touches only its own nodes, so every node's walk entries agree.
     */
    private static List<JsonNode> edges(ObjectNode snapshot, String kinds) {
        List<JsonNode> edges = new ArrayList<>();
        snapshot.get("edges").forEach(edge -> {
            if (kinds.contains(edge.get(0).textValue())) {
                edges.add(edge);
            }
        });
        return edges;
    }

    /** The graph's snapshot as written by a fold, without {@code journal_lsn} (a load empties the journal). */
    private static ObjectNode snapshotOf(MemoryGraph graph) throws IOException {
        graph.fold();
        ObjectNode snapshot = (ObjectNode) Json.mapper().readTree(SnapshotFile.path(graph.directory()).toFile());
        snapshot.remove("journal_lsn");
        return snapshot;
    }

    private static void assertSameAnswers(MemoryGraph actual, MemoryGraph expected) {
        assertThat(actual.factCount()).isEqualTo(expected.factCount());
        for (String query : QUERIES) {
            assertThat(actual.query(query, 20)).as(query).containsExactlyElementsOf(expected.query(query, 20));
            assertThat(actual.buildContext(query, null, false)).as(query)
                    .isEqualTo(expected.buildContext(query, null, false));
        }
    }
}
