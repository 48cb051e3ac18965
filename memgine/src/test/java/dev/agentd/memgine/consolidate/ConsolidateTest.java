package dev.agentd.memgine.consolidate;

import static dev.agentd.memgine.TestGraphs.fact;
import static dev.agentd.memgine.TestGraphs.factBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.memgine.ConsolidationReport;
import dev.agentd.memgine.ConsolidationReport.ConversationReport;
import dev.agentd.memgine.ConsolidationReport.Reflection;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.memgine.Timestamps;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.memgine.graph.NodeType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Check 13: {@code consolidate} (memory §7), its report, and its durability across a crash. */
class ConsolidateTest {
    /** Ten sentences of 90 chars: a 909-char turn. */
    private static final List<String> SENTENCES = java.util.stream.IntStream.rangeClosed(1, 10)
            .mapToObj(n -> String.format("Sentence %02d of the long turn talks about the plans, budgets, vendors, timing and risks %02d", n, n)
                    + ".")
            .toList();
    private static final String LONG_TURN = String.join(" ", SENTENCES);

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2025-06-01T08:00:00Z");
    private MemoryGraph graph;

    @BeforeEach
    void open() {
        graph = TestGraphs.open(dir, clock);
    }

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void consolidatesTheScenarioOfCheck13AndSurvivesACrash() {
        graph.addFact(factBuilder("ephemeral", "gone soon").expiresAt(clock.millis() + 1000).build());
        String previous = graph.addFact(fact("chain", "v1")).id();
        for (int version = 2; version <= 6; version++) {
            previous = graph.addFact(factBuilder("chain", "v" + version).supersedes(previous).build()).id();
        }
        List<Long> timestamps = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            clock.advance(1000);
            timestamps.add(clock.millis());
            graph.addTurn(speaker(i), text(i), null);
        }
        assertThat(LONG_TURN).hasSizeGreaterThan(900);
        Map<String, String> before = turnTexts();

        ConsolidationReport report = graph.consolidate();

        assertThat(report.prunedExpired()).isEqualTo(1);
        assertThat(report.supersededGc()).isEqualTo(2);
        assertThat(report.conversation()).isEqualTo(new ConversationReport(140, 137, 1, 2));
        assertThat(report.factsBefore()).isEqualTo(7);
        assertThat(report.factsAfter()).isEqualTo(4);
        assertThat(report.candidatesPromoted()).isEmpty();
        assertThat(report.candidatesRejected()).isEmpty();
        assertThat(report.reflections()).containsExactly(new Reflection("preference", "user",
                "From now on, deploy on Tuesdays.", Timestamps.format(timestamps.get(120))));

        Map<String, String> after = turnTexts();
        for (int i = 134; i < 140; i++) {
            assertThat(after.get("turn:" + (i + 1))).as("newest 6 unchanged").isEqualTo(before.get("turn:" + (i + 1)));
        }
        assertThat(after).doesNotContainKey("turn:12").as("the 'ok!' between two user turns is gone")
                .doesNotContainKeys("turn:32", "turn:33");
        assertThat(after.get("turn:31")).isEqualTo(text(30) + "\n" + text(31) + "\n" + text(32));
        assertThat(after.get("turn:21")).isEqualTo(SENTENCES.get(0) + " " + SENTENCES.get(1)
                + " [\u20266 sentences omitted\u2026] " + SENTENCES.get(8) + " " + SENTENCES.get(9));
        assertThat(graph.factCount()).isEqualTo(1);
        assertThat(graph.view().nodes()).filteredOn(node -> node.type() == NodeType.FACT)
                .extracting(GraphView.ViewNode::body).containsExactly("v3", "v4", "v5", "v6");

        GraphView consolidated = graph.view();
        String context = graph.buildContext("chain deploy", null, false);
        MemoryGraph afterCrash = TestGraphs.open(dir, clock);
        assertThat(afterCrash.view()).as("journal replay after kill -9").isEqualTo(consolidated);
        assertThat(afterCrash.buildContext("chain deploy", null, false)).isEqualTo(context);
        afterCrash.close();
    }

    private static String speaker(int i) {
        return i % 2 == 0 || i == 31 ? "user" : "assistant";
    }

    private static String text(int i) {
        return switch (i) {
            case 11 -> "ok!";
            case 20 -> LONG_TURN;
            case 120 -> "Sounds fine. From now on, deploy on Tuesdays. Thanks";
            default -> "turn " + i + " notes about the release";
        };
    }

    private Map<String, String> turnTexts() {
        return graph.view().nodes().stream().filter(node -> node.type() == NodeType.TURN)
                .collect(Collectors.toMap(GraphView.ViewNode::id, node -> node.body().substring(node.subject().length() + 2)));
    }

    @Test
    void nothingToCompactBelow101Turns() {
        for (int i = 0; i < 100; i++) {
            graph.addTurn("user", "ok", null);
        }
        ConsolidationReport report = graph.consolidate();
        assertThat(report.conversation()).isNull();
        assertThat(graph.turnCount()).isEqualTo(100);
    }

    @Test
    void compactionRelinksTheTemporalChain() {
        for (int i = 0; i < 101; i++) {
            graph.addTurn(i % 2 == 0 ? "user" : "assistant", i == 1 ? "yes." : "turn " + i, null);
        }
        graph.consolidate();

        List<GraphView.ViewEdge> temporal = graph.view().edges().stream()
                .filter(edge -> edge.kind() == dev.agentd.memgine.graph.EdgeKind.TEMPORAL_NEXT).toList();
        Map<String, String> next = temporal.stream()
                .collect(Collectors.toMap(GraphView.ViewEdge::from, GraphView.ViewEdge::to));
        assertThat(next).doesNotContainKey("turn:2").containsEntry("turn:1", "turn:3").hasSize(99);
        assertThat(temporal).extracting(GraphView.ViewEdge::to).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "low value: \"{0}\" = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ok!| true", "\"  OK. \"| true", "Got it!!| true", "thank you| true", "\uD83D\uDC4D| true", "\"   \"| true",
        "yes please| false", "okay then| false", "cool cool| false", "\u2705 .| true", "noted, will check| false"
    })
    void lowValueTurns(String text, boolean lowValue) {
        assertThat(TurnCompaction.isLowValue(text)).isEqualTo(lowValue);
    }

    @Test
    void shorteningNeedsMoreThan500CharsAndMoreThan4Sentences() {
        String fourSentences = "A".repeat(200) + ". " + "B".repeat(200) + ". " + "C".repeat(100) + "! D?";
        assertThat(TurnCompaction.shorten(fourSentences)).isEqualTo(fourSentences);
        String shortFive = "One. Two. Three. Four. Five.";
        assertThat(TurnCompaction.shorten(shortFive)).isEqualTo(shortFive);
        String longFive = "One " + "x".repeat(500) + ". Two. Three. Four. Five.";
        assertThat(TurnCompaction.shorten(longFive))
                .isEqualTo("One " + "x".repeat(500) + ". Two. [\u20261 sentences omitted\u2026] Four. Five.");
    }

    @ParameterizedTest(name = "\"{1}\" in \"{0}\" = {2}")
    @CsvSource(delimiter = '|', value = {
        "actually, no | actually | true", "factually correct | actually | false", "that's wrong. | that's wrong | true",
        "correction: 5 | correction: | true", "still nothing | still not | false", "i am still not sure | still not | true"
    })
    void phrasesMatchAtWordBoundaries(String text, String phrase, boolean matches) {
        assertThat(Reflections.containsAtWordBoundary(text, phrase)).isEqualTo(matches);
    }

    @Test
    void reflectionsQuoteTheFirstMatchingSentenceCutTo200Chars() {
        String longSentence = "To clarify " + "z".repeat(300) + ".";
        List<Reflection> reflections = Reflections.find(List.of(
                new dev.agentd.memgine.graph.Turn(1, "turn:1", "user", "Hi. Actually I was wrong about it! "
                        + "I prefer mornings.", 0),
                new dev.agentd.memgine.graph.Turn(2, "turn:2", "user", longSentence, 1000)));

        assertThat(reflections).extracting(Reflection::type, Reflection::text).containsExactly(
                org.assertj.core.api.Assertions.tuple("correction", "Actually I was wrong about it!"),
                org.assertj.core.api.Assertions.tuple("preference", "I prefer mornings."),
                org.assertj.core.api.Assertions.tuple("correction", longSentence.substring(0, 200) + "\u2026"));
    }
}
