package dev.agentd.memgine.context;

import static dev.agentd.memgine.TestGraphs.fact;
import static dev.agentd.memgine.TestGraphs.factBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-text rules of docs/memory.md ("Dead text"): redaction in Facts (A), stale turns (B),
 * replaced environment values (C), the same-attribute test (S) and paraphrases (P).
 */
class DeadTextTest {
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

    private List<String> conversation(String query) {
        return section(graph.buildContext(query, null, false), "Conversation");
    }

    private List<String> facts(String query) {
        return section(graph.buildContext(query, null, false), "Facts");
    }

    static List<String> section(String context, String title) {
        for (String section : context.split("\n\n")) {
            if (section.startsWith("## " + title + "\n")) {
                List<String> lines = new ArrayList<>(Arrays.asList(section.split("\n")));
                lines.remove(0);
                return lines;
            }
        }
        return List.of();
    }

    private void supersedeDeployTarget() {
        graph.addFact(factBuilder("deploy target", "prod-eu-1").id("target").build());
        graph.addFact(factBuilder("deploy target", "prod-us-2").id("target-v2").supersedes("target").build());
    }

    @Test
    void aTurnStatingOnlyTheDeadValueIsDropped() {
        graph.addTurn("user", "deploy to prod-eu-1 please", null);
        graph.addTurn("user", "and keep the release notes short", null);
        assertThat(conversation("deploy")).containsExactly("### Recent", "user: deploy to prod-eu-1 please",
                "user: and keep the release notes short");

        supersedeDeployTarget();

        assertThat(conversation("deploy")).containsExactly("### Recent", "user: and keep the release notes short");
    }

    @Test
    void aTurnStatingTheOldAndTheNewValueKeepsTheNewOneAndLosesTheOld() {
        supersedeDeployTarget();
        graph.addTurn("user", "Actually, change the target from PROD-EU-1 to prod-us-2.", null);

        assertThat(conversation("deploy target"))
                .containsExactly("### Recent", "user: Actually, change the target from [superseded] to prod-us-2.");
    }

    @Test
    void aTurnLeftWithFewerThanThreeContentCharactersIsDropped() {
        graph.addFact(factBuilder("feature flag", "off").id("flag").build());
        graph.addFact(factBuilder("feature flag", "on").id("flag-v2").supersedes("flag").build());
        graph.addTurn("user", "off/on", null);
        graph.addTurn("user", "the flag went off, now on", null);

        assertThat(conversation("flag")).containsExactly("### Recent", "user: the flag went [superseded], now on");
    }

    @Test
    void deadValuesMatchOnWordBoundariesOnly() {
        graph.addFact(factBuilder("approval", "no").id("approval").build());
        graph.addFact(factBuilder("approval", "yes").id("approval-v2").supersedes("approval").build());
        graph.addTurn("user", "I know the answer", null);
        graph.addTurn("user", "the answer was no", null);

        assertThat(conversation("answer")).containsExactly("### Recent", "user: I know the answer");
    }

    @Test
    void factsLinesQuotingADeadValueShowItAsSuperseded() {
        graph.addFact(factBuilder("unit price", "$100 per unit").id("price").build());
        graph.addFact(factBuilder("unit price", "$120 per unit").id("price-v2").supersedes("price").build());
        graph.addFact(factBuilder("quote status", "invalidated: was based on $100 per unit, requote").id("quote").build());

        assertThat(facts("quote status")).contains("- [quote] [usr] quote status: invalidated: was based on [superseded], requote");
        assertThat(graph.buildContext("quote status", null, false)).doesNotContain("$100 per unit");
    }

    @Test
    void repairNotesAreRedactedToo() {
        graph.addFact(factBuilder("budget", "100k per quarter").id("budget").build());
        graph.addFact(factBuilder("forecast", "spend tracks 100k per quarter").id("forecast")
                .dependsOn(List.of("budget")).build());
        graph.addFact(factBuilder("budget", "120k per quarter").id("budget-v2").supersedes("budget").build());

        assertThat(facts("budget")).anySatisfy(line -> assertThat(line)
                .endsWith("RECALCULATE [forecast]: spend tracks [superseded] (depends on: budget-v2)"));
    }

    @Test
    void aValueThatIsCurrentAgainIsNotDead() {
        graph.addFact(factBuilder("renewal", "do not renew").id("renewal").build());
        graph.addFact(factBuilder("renewal", "do not renew").id("renewal-v2").supersedes("renewal").build());
        graph.addTurn("user", "we do not renew", null);

        assertThat(facts("renewal")).containsExactly("- [renewal-v2] [usr] renewal: do not renew");
        assertThat(conversation("renewal")).containsExactly("### Recent", "user: we do not renew");
    }

    @Test
    void aSupersessionOfADifferentSubjectKeepsItsHistoryTurns() {
        graph.addFact(factBuilder("incident opened", "database failover started").id("step-1").build());
        graph.addFact(factBuilder("incident resolved", "failover complete, traffic restored").id("step-2")
                .supersedes("step-1").build());
        graph.addTurn("user", "database failover started at 09:00", null);

        assertThat(conversation("failover")).containsExactly("### Recent", "user: database failover started at 09:00");
    }

    @Test
    void aTurnParaphrasingADeadValueIsDropped() {
        graph.addFact(factBuilder("release train", "release train leaves Tuesday").id("train").build());
        graph.addFact(factBuilder("release train", "release train leaves Thursday").id("train-v2")
                .supersedes("train").build());
        graph.addTurn("user", "remember the release train leaves on Tuesday", null);
        graph.addTurn("user", "the release train leaves on Thursday now", null);

        assertThat(conversation("release train"))
                .containsExactly("### Recent", "user: the release train leaves on Thursday now");
    }

    @Test
    void sameAttributeNeedsHalfOfTheSubjectTokensShared() {
        assertThat(DeadValues.sameAttribute("renew_techcorp_v2", "renew_techcorp_v3")).isTrue(); // 2 of 4
        assertThat(DeadValues.sameAttribute("deploy target", "Deploy Target")).isTrue();
        assertThat(DeadValues.sameAttribute("incident opened", "incident resolved")).isFalse(); // 1 of 3
    }

    @Test
    void replacedEnvironmentValuesAreDead() {
        graph.setEnvironment("branch", "main", null);
        graph.addTurn("context", "branch: main", null);
        graph.addFact(fact("merge rule", "merge into main after review"));
        graph.setEnvironment("branch", "release-7", null);
        graph.addTurn("user", "moved from main to release-7", null);

        String context = graph.buildContext("merge branch", null, false);
        assertThat(section(context, "Conversation"))
                .containsExactly("### Recent", "user: moved from [superseded] to release-7");
        assertThat(section(context, "Facts")).containsExactly("- [ws-merge-rule] [usr] merge rule: merge into [superseded] after review");
        assertThat(section(context, "Environment")).containsExactly("- branch: release-7");
    }

    @Test
    void anEnvironmentValueSetAgainIsCurrent() {
        graph.setEnvironment("status", "open", null);
        graph.setEnvironment("status", "closed", null);
        graph.setEnvironment("status", "open", null);
        graph.addTurn("user", "the ticket is open", null);
        graph.addTurn("user", "the ticket is closed", null);

        assertThat(conversation("ticket")).containsExactly("### Recent", "user: the ticket is open");
    }

    @Test
    void droppedTurnsDoNotCountTowardsTheConversationBudget() {
        graph.addTurn("user", "keep the first line", null);
        supersedeDeployTarget();
        String stale = "deploy to prod-eu-1 " + "x".repeat(400);
        for (int i = 0; i < 10; i++) {
            graph.addTurn("user", stale, null);
        }

        // window 8192: B = 2000, Conversation budget 600 tokens; the ten stale turns alone need ~1050
        List<String> lines = section(graph.buildContext("deploy", 8192, false), "Conversation");
        assertThat(lines).containsExactly("### Recent", "user: keep the first line");
    }
}
