package dev.agentd.memgine;

import static dev.agentd.memgine.TestGraphs.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change events (§1.2): one per acknowledged mutation, in commit order, none for refused or empty calls. */
class ChangeEventsTest {
    @TempDir
    Path dir;

    private final List<MemoryChange> events = Collections.synchronizedList(new ArrayList<>());
    private MemoryGraph graph;

    @BeforeEach
    void open() {
        graph = MemoryGraph.open(dir.resolve("graph"), TestGraphs.options(ManualClock.at("2025-06-01T09:00:00Z"))
                .withChangeListener(events::add));
    }

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void everyMutationPublishesOneEvent() throws Exception {
        graph.addFact(fact("deploy target", "prod"));
        graph.addFact(FactInput.builder(FactInput.Source.KNOWLEDGE, "k", "v").build());
        graph.addFact(FactInput.builder(FactInput.Source.PROCEDURAL, "p", "v").build());
        graph.delete("nothing-here");
        assertThatThrownBy(() -> graph.addFact(TestGraphs.factBuilder("x", "y").supersedes("nope").build()))
                .isInstanceOf(MemoryException.class);
        graph.delete("knowledge-k");
        graph.setIdentity("me");
        graph.addTurn("user", "hi", null);
        graph.setEnvironment("now", "today", null);
        graph.consolidate();
        Path file = dir.resolve("bare.json");
        Files.writeString(file, "[{\"subject\":\"s\",\"body\":\"b\"}]");
        graph.load(file, "bare.json");

        assertThat(events).containsExactly(
                new MemoryChange("add_fact", "test", "ws-deploy-target", "deploy target", 1),
                new MemoryChange("save_knowledge", "test", "knowledge-k", "k", 2),
                new MemoryChange("save_procedural", "test", "procedural-p", "p", 3),
                new MemoryChange("delete", "test", "knowledge-k", null, 2),
                new MemoryChange("set_identity", "test", "identity", null, 2),
                new MemoryChange("add_turn", "test", "turn:1", null, 2),
                new MemoryChange("set_environment", "test", "env:now", null, 2),
                new MemoryChange("consolidate", "test", null, null, 2),
                new MemoryChange("load", "test", null, null, 1));
    }

    @Test
    void concurrentWritesArePublishedInCommitOrder() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    graph.addFact(fact("subject " + writer, "fact " + i));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();

        assertThat(events).extracting(MemoryChange::factCount)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList());
    }
}
