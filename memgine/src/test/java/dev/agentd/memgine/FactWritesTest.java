package dev.agentd.memgine;

import static dev.agentd.memgine.TestGraphs.fact;
import static dev.agentd.memgine.TestGraphs.factBuilder;
import static dev.agentd.memgine.TestGraphs.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.params.MemoryParams;
import dev.agentd.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks 3, 4, 5 (query and count) and 14 (graph part): fact writes, ids, validation, supersession, delete. */
class FactWritesTest {
    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2025-06-01T09:00:00Z");
    private MemoryGraph graph;

    @BeforeEach
    void open() {
        graph = TestGraphs.open(dir, clock);
    }

    @AfterEach
    void close() {
        graph.close();
    }

    private FactWriteResult addFact(String paramsJson) throws Exception {
        return graph.addFact(MemoryParams.addFact(Json.mapper().readTree(paramsJson), FactInput.Source.WEBSOCKET));
    }

    @Test
    void plainAddFactAnswersTheCountAndExtensionParamsSwitchToAnObject() throws Exception {
        JsonNode plain = Json.mapper().readTree("{\"subject\":\"deploy target\",\"body\":\"prod-eu-1\",\"tags\":null}");
        JsonNode tagged = Json.mapper().readTree("{\"subject\":\"s\",\"body\":\"b\",\"tags\":[\"x\"]}");

        FactWriteResult first = graph.addFact(MemoryParams.addFact(plain, FactInput.Source.WEBSOCKET));

        assertThat(MemoryParams.wantsObjectResult(plain)).isFalse();
        assertThat(first.factCount()).isEqualTo(graph.factCount()).isEqualTo(1);
        assertThat(MemoryParams.wantsObjectResult(tagged)).isTrue();
        assertThat(graph.addFact(MemoryParams.addFact(tagged, FactInput.Source.WEBSOCKET)))
                .isEqualTo(new FactWriteResult("ws-s", "pattern", 2));
    }

    @Test
    void idsAreMintedAndNothingIsOverwritten() {
        assertThat(graph.addFact(fact("Deploy target!", "one")).id()).isEqualTo("ws-deploy-target");
        assertThat(graph.addFact(fact("Deploy target!", "two")).id()).isEqualTo("ws-deploy-target-2");
        assertThat(graph.addFact(factBuilder("x", "three").id("custom").build()).id()).isEqualTo("custom");
        assertThat(graph.addFact(factBuilder("y", "four").id("custom").build()).id()).isEqualTo("custom-2");
        // an explicit id equal to a minted one is minted further; the counter of "custom-2" is its own
        assertThat(graph.addFact(factBuilder("z", "five").id("custom-2").build()).id()).isEqualTo("custom-2-2");
        graph.delete("custom");
        assertThat(graph.addFact(factBuilder("w", "six").id("custom").build()).id())
                .as("counters never go back, so a deleted id is not reused").isEqualTo("custom-3");

        assertThat(graph.query("one two three four five six", 10)).extracting(QueryHit::body)
                .containsExactlyInAnyOrder("one", "two", "four", "five", "six");
        assertThat(graph.addFact(FactInput.builder(FactInput.Source.MCP, "Deploy target!", "m").build()).id())
                .isEqualTo("mcp-deploy-target");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "missing subject       | {\"body\":\"b\"}                                     | invalid params: subject is required",
        "body: 5               | {\"subject\":\"s\",\"body\":5}                       | invalid params: body must be a string",
        "confidence: 1.5       | {\"subject\":\"s\",\"body\":\"b\",\"confidence\":1.5} | invalid params: confidence must be a finite number from 0 to 1",
        "expires_at in past    | {\"subject\":\"s\",\"body\":\"b\",\"expires_at\":\"2025-06-01T08:59:59.999Z\"} | invalid params: expires_at must be later than now",
        "expires_at == now     | {\"subject\":\"s\",\"body\":\"b\",\"expires_at\":1748768400000} | invalid params: expires_at must be later than now",
        "supersedes unknown    | {\"subject\":\"s\",\"body\":\"b\",\"supersedes\":\"nope\"} | invalid params: unknown fact id in supersedes: 'nope'",
        "depends_on unknown    | {\"subject\":\"s\",\"body\":\"b\",\"depends_on\":[\"ws-existing\",\"nope\"]} | invalid params: unknown fact id in depends_on: 'nope'",
        "id turn:1             | {\"subject\":\"s\",\"body\":\"b\",\"id\":\"turn:1\"} | invalid params: id must not start with 'turn:'",
        "id with a space       | {\"subject\":\"s\",\"body\":\"b\",\"id\":\"a b\"}    | invalid params: id must use only the characters [A-Za-z0-9._:/@+-]",
        "id identity           | {\"subject\":\"s\",\"body\":\"b\",\"id\":\"identity\"} | invalid params: id 'identity' is reserved",
        "33 tags               | {\"subject\":\"s\",\"body\":\"b\",\"tags\":[TAGS33]} | invalid params: tags must hold at most 32 entries",
        "subject of 1025 chars | {\"subject\":\"SUBJECT1025\",\"body\":\"b\"}            | invalid params: subject must be 1..1024 chars",
        "empty body            | {\"subject\":\"s\",\"body\":\"\"}                    | invalid params: body must be 1..65536 chars",
        "tags not strings      | {\"subject\":\"s\",\"body\":\"b\",\"tags\":[1]}      | invalid params: tags must be an array of strings",
    })
    void badInputsAreRejectedAndChangeNothing(String name, String params, String message) throws Exception {
        graph.addFact(fact("existing", "e"));
        long journalSize = Files.size(dir.resolve(MemoryGraph.JOURNAL_FILE));
        String json = params.replace("TAGS33", String.join(",", java.util.Collections.nCopies(33, "\"t\"")))
                .replace("SUBJECT1025", "s".repeat(1025));

        assertThatThrownBy(() -> addFact(json))
                .isInstanceOfSatisfying(MemoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.INVALID_PARAMS))
                .hasMessage(message);
        assertThat(graph.factCount()).isEqualTo(1);
        assertThat(Files.size(dir.resolve(MemoryGraph.JOURNAL_FILE))).isEqualTo(journalSize);
    }

    @Test
    void supersededFactIsNeverReturnedNorCounted() {
        graph.addFact(fact("deploy target", "prod-eu-1"));
        graph.addFact(factBuilder("deploy target", "prod-us-2").supersedes("ws-deploy-target").build());

        assertThat(graph.factCount()).isEqualTo(1);
        for (String query : List.of("deploy target", "prod-eu-1", "prod", "target prod-us-2")) {
            assertThat(ids(graph.query(query, 100))).as(query).containsExactly("ws-deploy-target-2");
        }
        assertThat(graph.query("eu", 100)).as("only the superseded fact holds 'eu'; it is no seed").isEmpty();
        assertThat(graph.view().nodes()).filteredOn(node -> node.id().equals("ws-deploy-target"))
                .singleElement().satisfies(node -> assertThat(node.superseded()).isTrue());
    }

    @Test
    void supersedingAnAlreadySupersededFactMovesSupersededBy() throws Exception {
        graph.addFact(fact("a", "v1"));
        graph.addFact(factBuilder("a", "v2").supersedes("ws-a").build());
        graph.addFact(factBuilder("b", "v3").supersedes("ws-a").build());

        Path export = dir.resolve("export.json");
        graph.persist(export);
        JsonNode facts = Json.mapper().readTree(export.toFile()).get("facts");
        assertThat(facts.get(0).get("superseded_by").asText()).isEqualTo("ws-b");
        assertThat(graph.factCount()).isEqualTo(2);
    }

    @Test
    void deleteAnswersKindOrNothing() {
        graph.addFact(factBuilder("rule", "no friday deploys").kind("constraint").build());
        graph.addFact(fact("deploy target", "prod-eu-1"));
        graph.addTurn("user", "hello there", null);

        assertThat(graph.delete("ws-rule")).isEqualTo(new DeleteResult("ws-rule", true, "constraint", 1));
        assertThat(graph.delete("ws-rule")).isEqualTo(new DeleteResult("ws-rule", false, null, 1));
        assertThat(graph.delete("unknown")).isEqualTo(new DeleteResult("unknown", false, null, 1));
        assertThat(graph.delete("turn:1")).as("other node types match nothing")
                .isEqualTo(new DeleteResult("turn:1", false, null, 1));
        assertThat(graph.turnCount()).isEqualTo(1);
    }

    @Test
    void deletingADependencyRemovesItFromDependsOnAndDeletingTheSupersederRevivesNothing() {
        graph.addFact(fact("base", "b1"));
        graph.addFact(factBuilder("derived", "d1").dependsOn(List.of("ws-base", "ws-base")).build());
        graph.addFact(factBuilder("base", "b2").supersedes("ws-base").build());

        assertThat(graph.buildContext("derived", null, false)).contains("- [ws-derived] [usr] derived: d1 (depends on: ws-base)");
        graph.delete("ws-base");
        assertThat(graph.buildContext("derived", null, false)).contains("- [ws-derived] [usr] derived: d1\n")
                .doesNotContain("depends on");
        graph.delete("ws-base-2");
        assertThat(graph.factCount()).isEqualTo(1);
    }

    @Test
    void expiredFactsAreInvisibleEverywhere() {
        graph.addFact(factBuilder("ephemeral", "short lived").expiresAt(clock.millis() + 1000).build());
        graph.addFact(fact("ephemeral", "stays"));
        assertThat(graph.factCount()).isEqualTo(2);

        clock.advance(1000);

        assertThat(graph.factCount()).isEqualTo(1);
        assertThat(ids(graph.query("ephemeral short lived", 10))).containsExactly("ws-ephemeral-2");
        assertThat(graph.buildContext("ephemeral", null, false)).doesNotContain("short lived");
        assertThat(graph.delete("ws-ephemeral").deleted()).isFalse();
        assertThatThrownBy(() -> graph.addFact(factBuilder("x", "y").supersedes("ws-ephemeral").build()))
                .hasMessage("invalid params: unknown fact id in supersedes: 'ws-ephemeral'");
    }

    @Test
    void nodeCapRefusesNewNodesWithARuntimeError() {
        graph.close();
        graph = MemoryGraph.open(dir, TestGraphs.options(clock).withLimits(new GraphLimits(3, 1 << 20, 1000)));
        graph.addFact(fact("a", "1"));
        graph.setEnvironment("k", "v", null);
        graph.addTurn("user", "t", null);

        assertThatThrownBy(() -> graph.addFact(fact("b", "2")))
                .isInstanceOfSatisfying(MemoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.RUNTIME))
                .hasMessage("memory graph 'test' is full");
        assertThatThrownBy(() -> graph.addTurn("user", "t2", null)).hasMessage("memory graph 'test' is full");
        assertThatThrownBy(() -> graph.setIdentity("me")).hasMessage("memory graph 'test' is full");
        assertThat(graph.setEnvironment("k", "v2", null).replaced()).as("replacing needs no room").isTrue();
        assertThat(graph.factCount()).isEqualTo(1);
    }
}
