package dev.agentd.memgine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded, distinct, oldest-first list of replaced environment values. */
class EnvironmentHistoryTest {
    @Test
    void aValueReplacedAgainMovesToTheEndAndOnlyTheNewestAreKept() {
        EnvironmentHistory history = new EnvironmentHistory();
        history.add(new EnvironmentHistory.Replaced("branch", "main"));
        history.add(new EnvironmentHistory.Replaced("branch", "dev"));
        history.add(new EnvironmentHistory.Replaced("branch", "main"));
        assertThat(history.values()).containsExactly(new EnvironmentHistory.Replaced("branch", "dev"),
                new EnvironmentHistory.Replaced("branch", "main"));

        for (int i = 0; i < EnvironmentHistory.LIMIT; i++) {
            history.add(new EnvironmentHistory.Replaced("clock", "t" + i));
        }
        List<EnvironmentHistory.Replaced> values = history.values();
        assertThat(values).hasSize(EnvironmentHistory.LIMIT);
        assertThat(values.get(0)).isEqualTo(new EnvironmentHistory.Replaced("clock", "t0"));
        assertThat(values.get(values.size() - 1)).isEqualTo(new EnvironmentHistory.Replaced("clock", "t63"));
    }

    @Test
    void setEnvironmentRemembersOnlyVisibleValuesThatChanged() {
        GraphState state = new GraphState();
        state.apply(new Mutation.SetEnvironment(1, "branch", "main", null));
        state.apply(new Mutation.SetEnvironment(2, "branch", "main", null));
        state.apply(new Mutation.SetEnvironment(3, "lease", "a", 10L));
        state.apply(new Mutation.SetEnvironment(20, "lease", "b", null)); // "a" had expired at 10
        state.apply(new Mutation.SetEnvironment(21, "branch", "release", null));

        assertThat(state.replacedEnvironmentValues()).containsExactly(new EnvironmentHistory.Replaced("branch", "main"));
    }
}
