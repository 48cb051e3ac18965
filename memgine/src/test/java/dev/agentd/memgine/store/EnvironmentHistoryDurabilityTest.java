package dev.agentd.memgine.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule C of docs/memory.md ("Dead text") survives a restart: replaced environment values come back
 * from the snapshot's {@code replaced_environment} and from replaying {@code set_environment}
 * records; a snapshot written before the field existed still loads.
 */
class EnvironmentHistoryDurabilityTest {
    private static final String STALE_TURN = "user: the branch is main";

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2025-06-01T09:00:00Z");
    private final List<MemoryGraph> opened = new ArrayList<>();

    @AfterEach
    void release() {
        opened.forEach(MemoryGraph::close);
    }

    private MemoryGraph open() {
        MemoryGraph graph = TestGraphs.open(dir, clock);
        opened.add(graph);
        return graph;
    }

    /** Sets branch to main, then to release-7, with a turn stating the old value. */
    private MemoryGraph graphWithReplacedBranch() {
        MemoryGraph graph = open();
        graph.setEnvironment("branch", "main", null);
        graph.addTurn("user", "the branch is main", null);
        graph.addTurn("user", "tests are green", null);
        graph.setEnvironment("branch", "release-7", null);
        assertThat(graph.buildContext("branch", null, false)).doesNotContain(STALE_TURN).contains("tests are green");
        return graph;
    }

    @Test
    void replacedValuesAreReadBackFromTheSnapshot() throws IOException {
        graphWithReplacedBranch().close();

        assertThat(Files.readString(SnapshotFile.path(dir)))
                .contains("\"replaced_environment\":[{\"key\":\"branch\",\"value\":\"main\"}]");
        assertThat(Files.size(dir.resolve(MemoryGraph.JOURNAL_FILE))).isZero();
        assertThat(open().buildContext("branch", null, false)).doesNotContain(STALE_TURN).contains("tests are green");
    }

    @Test
    void replacedValuesAreRederivedFromTheJournal() {
        graphWithReplacedBranch(); // left open, as a crash would: no snapshot, journal only

        assertThat(SnapshotFile.path(dir)).doesNotExist();
        assertThat(open().buildContext("branch", null, false)).doesNotContain(STALE_TURN).contains("tests are green");
    }

    @Test
    void aSnapshotWithoutTheFieldLoadsWithNoReplacedValues() throws IOException {
        graphWithReplacedBranch().close();
        Path snapshot = SnapshotFile.path(dir);
        ObjectNode root = (ObjectNode) Json.mapper().readTree(snapshot.toFile());
        root.remove("replaced_environment");
        Files.writeString(snapshot, Json.mapper().writeValueAsString(root));

        MemoryGraph reopened = open();
        assertThat(reopened.buildContext("branch", null, false)).contains(STALE_TURN);
        reopened.addTurn("user", "release-7 is cut", null);
        reopened.setEnvironment("branch", "release-8", null);
        assertThat(reopened.buildContext("branch", null, false)).doesNotContain("release-7 is cut").contains(STALE_TURN);
    }
}
