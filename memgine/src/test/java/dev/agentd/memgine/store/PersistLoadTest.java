package dev.agentd.memgine.store;

import static dev.agentd.memgine.TestGraphs.fact;
import static dev.agentd.memgine.TestGraphs.factBuilder;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.QueryHit;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.memgine.graph.GraphView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks 15 and 17: {@code persist} and {@code load}, the export format of §8.2, all-or-nothing loads. */
class PersistLoadTest {
    private static final List<String> QUERIES = List.of("deploy target release", "replicas", "lunch", "prod",
            "what is the deploy target", "");

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.at("2025-06-01T09:00:00Z");
    private final List<MemoryGraph> opened = new ArrayList<>();
    private FileSandbox sandbox;

    @BeforeEach
    void sandbox() {
        sandbox = new FileSandbox(root.resolve("memory/files"));
    }

    @AfterEach
    void close() {
        opened.forEach(MemoryGraph::close);
    }

    private MemoryGraph open(String name) {
        MemoryGraph graph = TestGraphs.open(root.resolve("memory/namespaces").resolve(name), clock);
        opened.add(graph);
        return graph;
    }

    @Test
    void persistThenLoadIntoAFreshGraphGivesTheSameAnswers() throws Exception {
        MemoryGraph source = open("source");
        TestGraphs.writeEveryLayer(source);
        source.addFact(factBuilder("temporary", "expires later").expiresAt(clock.millis() + 60_000).build());
        source.setEnvironment("ttl", "soon gone", 60_000L);

        Path file = sandbox.resolve("a/b.json", FileSandbox.Operation.PERSIST);
        int persisted = source.persist(file);

        assertThat(file).isEqualTo(root.resolve("memory/files/a/b.json").toRealPath());
        assertThat(persisted).isEqualTo(source.factCount());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(file.resolveSibling("b.json.tmp")).doesNotExist();

        MemoryGraph target = open("target");
        target.addFact(fact("old content", "replaced by the load"));
        int loaded = target.load(sandbox.resolve("a/b.json", FileSandbox.Operation.LOAD), "a/b.json");

        assertThat(loaded).isEqualTo(persisted);
        assertSameAnswers(target, source);
        clock.advance(60_000);
        assertSameAnswers(target, source);
        MemoryGraph restarted = reopen("target", target);
        assertSameAnswers(restarted, source);
    }

    private MemoryGraph reopen(String name, MemoryGraph graph) {
        graph.close();
        opened.remove(graph);
        return open(name);
    }

    private static void assertSameAnswers(MemoryGraph actual, MemoryGraph expected) {
        assertThat(actual.factCount()).isEqualTo(expected.factCount());
        for (String query : QUERIES) {
            assertThat(actual.query(query, 100)).as(query).containsExactlyElementsOf(expected.query(query, 100));
            assertThat(actual.buildContext(query, null, false)).as(query).isEqualTo(expected.buildContext(query, null, false));
            assertThat(actual.buildContext(query, 8192, true)).as(query).isEqualTo(expected.buildContext(query, 8192, true));
        }
    }

    @Test
    void exportHasTheShapeOfSection82() throws Exception {
        MemoryGraph graph = open("shape");
        graph.setIdentity("User: Matt\nRole: Director");
        graph.addFact(fact("deploy target", "prod-eu-1"));
        clock.advance(60_000);
        graph.addTurn("user", "Renew VendorX for one year.", null);
        clock.advance(60_000);
        graph.setEnvironment("now", "2025-12-21T10:00:00-05:00", null);
        clock.advance(180_000);
        graph.addFact(factBuilder("deploy target", "prod-us-2").supersedes("ws-deploy-target")
                .tags(List.of("authority:policy")).build());
        graph.addTurn("user", "expiring fact next", null);
        graph.addFact(factBuilder("gone", "expired before the export").expiresAt(clock.millis() + 1).build());
        clock.advance(1000);

        Path file = sandbox.resolve("shape.json", FileSandbox.Operation.PERSIST);
        assertThat(graph.persist(file)).isEqualTo(1);

        assertThatJson(Files.readString(file)).isEqualTo("""
                {"format":"agentd-memgine-export","version":1,"exported_at":"2025-06-01T09:05:01.000Z",
                 "identity":"User: Matt\\nRole: Director","identity_seq":1,
                 "facts":[{"seq":2,"id":"ws-deploy-target","subject":"deploy target","body":"prod-eu-1","kind":"pattern",
                   "is_constraint":false,"confidence":1.0,"authority":"peer","tags":[],
                   "created_at":"2025-06-01T09:00:00.000Z","valid":false,"superseded_by":"ws-deploy-target-2"},
                  {"seq":5,"id":"ws-deploy-target-2","subject":"deploy target","body":"prod-us-2","kind":"pattern",
                   "is_constraint":false,"confidence":1.0,"authority":"policy","tags":["authority:policy"],
                   "created_at":"2025-06-01T09:05:00.000Z","valid":true,"supersedes":"ws-deploy-target"}],
                 "edges":[["R","ws-deploy-target-2","ws-deploy-target"],["S","ws-deploy-target-2","ws-deploy-target"]],
                 "turns":[{"seq":3,"id":"turn:1","speaker":"user","text":"Renew VendorX for one year.",
                           "ts":"2025-06-01T09:01:00.000Z"},
                          {"seq":6,"id":"turn:2","speaker":"user","text":"expiring fact next","ts":"2025-06-01T09:05:00.000Z"}],
                 "environment":[{"seq":4,"key":"now","value":"2025-12-21T10:00:00-05:00",
                                 "updated_at":"2025-06-01T09:02:00.000Z","expires_at":null}]}""");
        byte[] written = Files.readAllBytes(file);
        assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8))
                .as("compact, byte for byte what the generator writes for the same tree (edges are written raw)")
                .isEqualTo(dev.agentd.protocol.Json.mapper().writeValueAsString(dev.agentd.protocol.Json.mapper().readTree(written)));
    }

    @Test
    void failedLoadsChangeNothing() throws Exception {
        MemoryGraph graph = open("guarded");
        TestGraphs.writeEveryLayer(graph);
        String context = graph.buildContext("deploy target", null, false);
        List<QueryHit> hits = graph.query("deploy target", 10);
        int count = graph.factCount();
        Path dir = root.resolve("memory/namespaces/guarded");
        byte[] journal = Files.readAllBytes(dir.resolve(MemoryGraph.JOURNAL_FILE));
        Path files = root.resolve("memory/files");
        Files.createDirectories(files);
        Files.writeString(files.resolve("invalid.json"), "{\"facts\": [");
        Files.writeString(files.resolve("third.json"),
                "{\"facts\":[{\"subject\":\"a\",\"body\":\"1\"},{\"subject\":\"b\",\"body\":\"2\"},{\"subject\":\"c\"}]}");
        Files.writeString(files.resolve("object.json"), "{\"nothing\":true}");

        assertLoadFails(graph, "missing.json", "memory.load failed: file not found: 'missing.json'");
        assertLoadFails(graph, "invalid.json", "memory.load failed: not valid JSON at line ");
        assertLoadFails(graph, "third.json", "memory.load failed: body is required at facts[2]");
        assertLoadFails(graph, "object.json", "memory.load failed: expected an export document");

        assertThat(graph.factCount()).isEqualTo(count);
        assertThat(graph.query("deploy target", 10)).isEqualTo(hits);
        assertThat(graph.buildContext("deploy target", null, false)).isEqualTo(context);
        assertThat(Files.readAllBytes(dir.resolve(MemoryGraph.JOURNAL_FILE))).isEqualTo(journal);
        assertThat(dir.resolve("snapshot.json")).doesNotExist();
    }

    private void assertLoadFails(MemoryGraph graph, String path, String messagePrefix) {
        assertThatThrownBy(() -> graph.load(sandbox.resolve(path, FileSandbox.Operation.LOAD), path))
                .isInstanceOfSatisfying(MemoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.RUNTIME))
                .hasMessageStartingWith(messagePrefix);
    }

    @Test
    void loadOfABareArrayReplacesTheWholeGraphAndClearsCounters() throws Exception {
        MemoryGraph graph = open("replace");
        TestGraphs.writeEveryLayer(graph);
        graph.addFact(fact("s", "first"));
        graph.addFact(fact("s", "second"));
        Path file = root.resolve("memory/files/bare.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[{\"subject\":\"s\",\"body\":\"b\"}]");

        assertThat(graph.load(sandbox.resolve("bare.json", FileSandbox.Operation.LOAD), "bare.json")).isEqualTo(1);

        assertThat(graph.view().nodes()).extracting(GraphView.ViewNode::id).containsExactly("ws-s");
        assertThat(graph.buildContext("anything", null, false)).isEqualTo("## Facts\n- [ws-s] [usr] s: b");
        assertThat(graph.addFact(fact("s", "after")).id()).as("the old counter of ws-s is gone").isEqualTo("ws-s-2");
        assertThat(graph.addTurn("user", "first turn again", null).id()).isEqualTo("turn:1");
        assertThat(Files.size(root.resolve("memory/namespaces/replace").resolve(MemoryGraph.JOURNAL_FILE)))
                .as("only the write after the load").isPositive();
        MemoryGraph restarted = reopen("replace", graph);
        assertThat(restarted.view().nodes()).extracting(GraphView.ViewNode::id).containsExactly("ws-s", "ws-s-2", "turn:1");
    }

    @Test
    void loadWithoutEdgesDerivesThemLikeLiveWrites() throws Exception {
        Path file = root.resolve("memory/files/derived.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"facts":[
                  {"id":"budget","subject":"budget","body":"100k"},
                  {"id":"forecast","subject":"forecast","body":"based on 100k","depends_on":["budget","ghost"]},
                  {"id":"budget-2","subject":"budget","body":"120k","supersedes":"budget","valid":true},
                  {"id":"budget","subject":"budget","body":"duplicate id is minted"},
                  {"subject":"no id","body":"gets a ws- id","valid":false}
                ]}""");
        MemoryGraph live = open("live");
        live.addFact(factBuilder("budget", "100k").id("budget").build());
        live.addFact(factBuilder("forecast", "based on 100k").id("forecast").dependsOn(List.of("budget")).build());
        live.addFact(factBuilder("budget", "120k").id("budget-2").supersedes("budget").build());
        live.addFact(factBuilder("budget", "duplicate id is minted").id("budget").build());

        MemoryGraph loaded = open("loaded");
        loaded.load(sandbox.resolve("derived.json", FileSandbox.Operation.LOAD), "derived.json");

        assertThat(loaded.view().nodes()).extracting(GraphView.ViewNode::id)
                .containsExactly("budget", "forecast", "budget-2", "budget-3", "ws-no-id");
        assertThat(loaded.view().edges()).isEqualTo(live.view().edges());
        assertThat(loaded.factCount()).isEqualTo(3);
        assertThat(loaded.buildContext("budget", null, false)).isEqualTo(live.buildContext("budget", null, false))
                .contains("RECALCULATE [forecast]");
    }
}
