package dev.agentd.memgine.context;

import static dev.agentd.memgine.TestGraphs.fact;
import static dev.agentd.memgine.TestGraphs.factBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.memgine.params.MemoryParams;
import dev.agentd.protocol.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks 5 (context), 6, 9, 10, 11 and 12: the layout and every section rule of memory §6. */
class BuildContextTest {
    private static final String WARNING = "\u26a0\ufe0f";

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

    private String context(String query) {
        return graph.buildContext(query, null, false);
    }

    private static List<String> section(String context, String title) {
        for (String section : context.split("\n\n")) {
            if (section.startsWith("## " + title + "\n")) {
                List<String> lines = new ArrayList<>(Arrays.asList(section.split("\n")));
                lines.remove(0);
                return lines;
            }
        }
        return List.of();
    }

    @Test
    void supersededTextAppearsOnlyWithShowHistory() {
        graph.addFact(fact("deploy target", "prod-eu-1"));
        graph.addFact(factBuilder("deploy target", "prod-us-2").supersedes("ws-deploy-target").build());

        String context = context("deploy target");
        assertThat(section(context, "Facts")).containsExactly("- [ws-deploy-target-2] [usr] deploy target: prod-us-2");
        assertThat(context).doesNotContain("prod-eu-1").doesNotContain("[ws-deploy-target]");
        assertThat(section(graph.buildContext("deploy target", null, true), "Facts"))
                .containsExactly("- [ws-deploy-target-2] [usr] deploy target: prod-us-2 (changed from: prod-eu-1)");
    }

    @Test
    void dependentOfASupersededFactIsRepairedInlineOrListedAsOutdated() {
        graph.addFact(factBuilder("budget", "100k per quarter").id("budget").build());
        graph.addFact(factBuilder("forecast", "spend tracks the 100k budget").id("forecast")
                .dependsOn(List.of("budget")).build());
        graph.addFact(factBuilder("budget", "120k per quarter").id("budget-v2").supersedes("budget").build());

        String rendered = context("budget per quarter");
        assertThat(section(rendered, "Facts")).containsSubsequence(
                "- [budget-v2] [usr] budget: 120k per quarter",
                "  " + WARNING + " RECALCULATE [forecast]: spend tracks the 100k budget (depends on: budget-v2)",
                "    was based on old value \u2014 recalculate with current value above");
        assertThat(section(rendered, "Outdated")).isEmpty();

        // Push budget-v2 out of the Facts budget: four better facts of 300 tokens in a 1,000-token budget.
        for (int i = 0; i < 4; i++) {
            graph.addFact(fact("spend " + i, "forecast spend forecast " + "x".repeat(1170)));
        }
        String crowded = graph.buildContext("forecast spend", 8192, false);
        assertThat(section(crowded, "Facts")).noneMatch(line -> line.contains("[budget-v2]"))
                .noneMatch(line -> line.contains("RECALCULATE"));
        assertThat(section(crowded, "Outdated"))
                .containsExactly(WARNING + " OUTDATED [forecast]: spend tracks the 100k budget \u2014 may no longer be accurate");

        graph.addFact(factBuilder("forecast", "spend tracks the 120k budget").supersedes("forecast").build());
        String repairedByHand = context("budget per quarter");
        assertThat(repairedByHand).doesNotContain("RECALCULATE").doesNotContain("OUTDATED")
                .doesNotContain("tracks the 100k budget");
        assertThat(graph.buildContext("forecast spend", 8192, false)).doesNotContain("## Outdated");
    }

    @Test
    void emptyGraphAndQueryEdgeCases() throws Exception {
        assertThat(context("anything")).isEmpty();
        for (int i = 0; i < 150; i++) {
            graph.addFact(fact("item", "common word " + i)); // one subject: RelatedTo spreads the walk
        }
        assertThat(graph.query("", 5)).isEmpty();
        assertThat(graph.query("common", 0)).isEmpty();
        assertThat(graph.query("common", 500)).hasSize(100);
        MemoryParams.Query clamped = MemoryParams.query(Json.mapper().readTree("{\"query\":\"common\",\"k\":500}"));
        assertThat(clamped.k()).isEqualTo(100);
        assertThat(MemoryParams.query(Json.mapper().readTree("{\"query\":\"q\"}")).k()).isEqualTo(5);
        assertThatThrownBy(() -> MemoryParams.query(Json.mapper().readTree("{\"query\":\"common\",\"k\":-1}")))
                .isInstanceOfSatisfying(MemoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.INVALID_PARAMS))
                .hasMessage("invalid params: k must be an integer >= 0");
        assertThatThrownBy(() -> graph.query("common", -1)).hasMessage("invalid params: k must be an integer >= 0");
    }

    @Test
    void sectionsComeInOrderAndAreByteStableAcrossCallsAndRestarts() {
        TestGraphs.writeEveryLayer(graph);
        String context = graph.buildContext("deploy target release", 20000, false);

        assertThat(context).startsWith("## Identity\n").doesNotEndWith("\n");
        assertThat(Arrays.stream(context.split("\n")).filter(line -> line.startsWith("## ")).toList())
                .containsExactly("## Identity", "## Constraints", "## Facts", "## Outdated", "## Conversation",
                        "## Environment");
        assertThat(graph.buildContext("deploy target release", 20000, false)).isEqualTo(context);

        MemoryGraph crashed = TestGraphs.open(dir, clock);
        assertThat(crashed.buildContext("deploy target release", 20000, false))
                .as("journal replay (no fold): as after kill -9").isEqualTo(context);
        crashed.close();
        graph.close();
        graph = TestGraphs.open(dir, clock);
        assertThat(graph.buildContext("deploy target release", 20000, false)).as("from the snapshot")
                .isEqualTo(context);
    }

    @Test
    void factsBudgetKeepsTheBestFactsThatFitAscendingByScore() {
        // Distinct subjects (no RelatedTo edges) keep activations below 0.5, so the keyword overlap
        // decides: 1.0 with both query tokens, 0.5 with one, 0 with none. Each body is 400 chars = 100 tokens.
        List<String> both = new ArrayList<>();
        List<String> one = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String words = i % 50 == 7 ? "needle thread " : i % 50 == 8 ? "needle " : "";
            String body = words + "filler".repeat(80);
            String id = graph.addFact(fact("topic " + i, body.substring(0, 400))).id();
            if (i % 50 == 7) {
                both.add(id);
            } else if (i % 50 == 8) {
                one.add(id);
            }
        }
        List<String> expected = new ArrayList<>(one.subList(one.size() - (40 - both.size()), one.size()));
        expected.addAll(both);

        List<String> facts = section(context("needle thread"), "Facts");

        assertThat(both).hasSize(40);
        assertThat(facts).hasSize(40).extracting(line -> line.substring(3, line.indexOf(']')))
                .containsExactlyElementsOf(expected.subList(expected.size() - 40, expected.size()));
    }

    @Test
    void factsBudgetMixesScoreLevelsAndSpillsIntoZeroScoredFacts() {
        List<String> both = new ArrayList<>();
        List<String> one = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String words = i < 10 ? "needle thread " : i < 30 ? "needle " : "";
            String id = graph.addFact(fact("topic " + i, (words + "filler".repeat(80)).substring(0, 400))).id();
            (i < 10 ? both : i < 30 ? one : none).add(id);
        }
        List<String> expected = new ArrayList<>(none.subList(none.size() - 10, none.size()));
        expected.addAll(one);
        expected.addAll(both);

        assertThat(section(context("needle thread"), "Facts"))
                .extracting(line -> line.substring(3, line.indexOf(']'))).containsExactlyElementsOf(expected);
    }

    @Test
    void aFactLargerThanTheBudgetIsStillShown() {
        graph.addFact(fact("small", "needle-free note"));
        graph.addFact(fact("huge", "needle " + "y".repeat(20_000)));

        assertThat(section(context("needle"), "Facts")).singleElement().asString().startsWith("- [ws-huge]");
    }

    @Test
    void conversationDropsInterruptionsAndScopeBlocksAndKeepsTheNewestThatFit() {
        graph.addTurn("user", "let's plan the release", null);
        graph.addTurn("user", "hold on, I need to check the pager", null);
        graph.addTurn("assistant", "checking the pager", null);
        graph.addTurn("user", "ok, back to the release", null);
        graph.addTurn("user", "[SCOPE: exploration] what if we rewrote it", null);
        graph.addTurn("assistant", "a rewrite would take months", null);
        graph.addTurn("user", "that's enough, real commitments now", null);
        graph.addTurn("user", "ship on friday", null);

        assertThat(section(context("release"), "Conversation")).containsExactly("### Recent",
                "user: let's plan the release", "user: ok, back to the release", "user: ship on friday");
    }

    @Test
    void conversationBudgetKeepsTheNewestTurnsThatFit() {
        for (int i = 0; i < 30; i++) {
            graph.addTurn("user", String.format("%03d ", i) + "z".repeat(196), null);
        }
        // Each line is 206 chars = 52 tokens; window 8192 → B 2000 → conversation budget 600 → 11 turns.
        List<String> lines = section(graph.buildContext("z", 8192, false), "Conversation");

        assertThat(lines).hasSize(12).first().isEqualTo("### Recent");
        assertThat(lines.subList(1, 12)).extracting(line -> line.substring(6, 9))
                .containsExactly("019", "020", "021", "022", "023", "024", "025", "026", "027", "028", "029");
    }

    @Test
    void turnsAreOrderedByTimestampThenSeq() {
        graph.addTurn("user", "second", clock.millis() + 10);
        graph.addTurn("user", "first", clock.millis());
        graph.addTurn("user", "also second", clock.millis() + 10);

        assertThat(section(context("x"), "Conversation"))
                .containsExactly("### Recent", "user: first", "user: second", "user: also second");
    }

    @Test
    void environmentShowsTheFiveNewestEntries() {
        for (String key : List.of("k1", "k2", "k3", "k4", "k5", "k6", "k7")) {
            graph.setEnvironment(key, "v-" + key, null);
            clock.advance(1);
        }
        assertThat(graph.setEnvironment("k3", "again", null).replaced()).isTrue();
        assertThat(graph.setEnvironment("k8", "new", null).replaced()).isFalse();

        assertThat(section(context("x"), "Environment"))
                .containsExactly("- k8: new", "- k3: again", "- k7: v-k7", "- k6: v-k6", "- k5: v-k5");
    }

    @Test
    void environmentEntryWithTtlExpires() {
        graph.setEnvironment("short", "lived", 50L);
        assertThat(graph.setEnvironment("short", "lived", 50L).replaced()).isTrue();
        assertThat(section(context("x"), "Environment")).containsExactly("- short: lived");

        clock.advance(100);

        assertThat(context("x")).isEmpty();
        assertThat(graph.setEnvironment("short", "again", null).replaced()).as("an expired entry is not replaced")
                .isFalse();
    }

    @Test
    void environmentTtlExpiresOnTheRealClock() {
        graph.close();
        graph = MemoryGraph.open(dir, GraphOptions.defaults("real-clock").withFoldExecutor(TestGraphs.INLINE));
        graph.setEnvironment("short", "lived", 50L);
        graph.setEnvironment("long", "lived", null);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> !graph.buildContext("x", null, false).contains("short"));
        assertThat(section(context("x"), "Environment")).containsExactly("- long: lived");
    }

    @Test
    void constraintsIgnoreBudgetAndQueryAndKeepInsertionOrder() {
        graph.addFact(factBuilder("rule b", "second rule " + "r".repeat(9000)).kind("constraint").build());
        graph.addFact(fact("topic", "needle"));
        graph.addFact(FactInput.builder(FactInput.Source.KNOWLEDGE, "rule a", "first rule").constraint(true).build());
        graph.addFact(factBuilder("rule c", "third rule").kind("constraint").build());

        List<String> constraints = section(graph.buildContext("needle", 1, false), "Constraints");

        assertThat(constraints).extracting(line -> line.substring(0, line.indexOf(']') + 1))
                .containsExactly(WARNING + " [ws-rule-b]", WARNING + " [knowledge-rule-a]", WARNING + " [ws-rule-c]");
        assertThat(section(graph.buildContext("needle", 1, false), "Facts")).containsExactly("- [ws-topic] [usr] topic: needle");
    }

    @Test
    void markersFollowAuthority() {
        assertThat(FactsSection.marker("policy")).isEqualTo("[org]");
        assertThat(FactsSection.marker("system")).isEqualTo("[org]");
        assertThat(FactsSection.marker("executive")).isEqualTo("[org]");
        assertThat(FactsSection.marker("user")).isEqualTo("[usr]");
        assertThat(FactsSection.marker("peer")).isEqualTo("[usr]");
        assertThat(FactsSection.marker("vendor")).isEqualTo("[ext]");
    }
}
