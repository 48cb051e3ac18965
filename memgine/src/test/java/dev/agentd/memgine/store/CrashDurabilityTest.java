package dev.agentd.memgine.store;

import static dev.agentd.memgine.TestGraphs.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.GraphHooks;
import dev.agentd.memgine.GraphLimits;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.memgine.graph.GraphView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 18 (acknowledged writes survive a crash: concurrent writers, and a real child JVM killed
 * with {@code destroyForcibly()} mid-stream) and check 23 (size-triggered folds keep the journal
 * small, queries are answered during a fold, restarts reproduce the state, a graceful close
 * leaves an empty journal).
 */
class CrashDurabilityTest {
    @TempDir
    Path tmp;

    private final ManualClock clock = ManualClock.at("2025-06-01T09:00:00Z");

    @Test
    void thousandAcknowledgedWritesFromEightWritersSurviveACrash() throws Exception {
        Path dir = tmp.resolve("concurrent");
        MemoryGraph graph = TestGraphs.open(dir, clock);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 125; i++) {
                    String body = "writer " + writer + " fact " + i;
                    acknowledged.put(graph.addFact(fact("shared subject", body)).id(), body);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();

        MemoryGraph afterCrash = TestGraphs.open(dir, clock);

        assertThat(acknowledged).hasSize(1000);
        Map<String, String> recovered = afterCrash.view().nodes().stream()
                .collect(Collectors.toMap(GraphView.ViewNode::id, GraphView.ViewNode::body));
        assertThat(recovered).containsAllEntriesOf(acknowledged).hasSize(1000);
        assertThat(afterCrash.view()).isEqualTo(graph.view());
        afterCrash.close();
        graph.close();
    }

    @Test
    void everyWriteAChildJvmAcknowledgedSurvivesKillDashNine() throws Exception {
        Path dir = tmp.resolve("child");
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicLong lines = new AtomicLong();
        Thread reader = new Thread(() -> copyCountingLines(child.getInputStream(), printed, lines));
        reader.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> lines.get() >= 300 || !child.isAlive());
        assertThat(child.isAlive()).as("the writer was still writing").isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);

        List<String> acknowledged = completeLines(printed.toByteArray());
        MemoryGraph graph = TestGraphs.open(dir, clock);
        List<String> ids = graph.view().nodes().stream().map(GraphView.ViewNode::id).toList();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
        assertThat(ids).containsAll(acknowledged);
        graph.close();
    }

    private static void copyCountingLines(InputStream in, ByteArrayOutputStream out, AtomicLong lines) {
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // the child was killed: whatever arrived is what was printed
        }
    }

    /** Lines that were printed completely; a line cut by the kill was never fully acknowledged to us. */
    private static List<String> completeLines(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    @Test
    void sizeTriggeredFoldsKeepTheJournalSmallAndQueriesAnswered() throws Exception {
        Path dir = tmp.resolve("fold");
        CountDownLatch foldHoldsTheReadLock = new CountDownLatch(1);
        CountDownLatch queryAnswered = new CountDownLatch(1);
        AtomicBoolean firstFold = new AtomicBoolean(true);
        AtomicBoolean answeredWhileFolding = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<MemoryGraph> opened = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> queuedWriters = new ArrayList<>();
        // The first fold pauses inside itself (after the rename, before the truncation) with a
        // writer provably queued behind it, and waits until a query has been answered.
        GraphHooks hooks = new GraphHooks() {
            @Override
            public boolean stopFoldAfterRename() {
                if (firstFold.getAndSet(false)) {
                    Thread writer = new Thread(() -> opened.get().addFact(FactInput.of("queued", "during the fold")));
                    queuedWriters.add(writer);
                    writer.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.WAITING);
                    foldHoldsTheReadLock.countDown();
                    answeredWhileFolding.set(awaitQuietly(queryAnswered));
                }
                return false;
            }
        };
        GraphOptions options = GraphOptions.defaults("fold").withClock(clock).withHooks(hooks)
                .withLimits(new GraphLimits(1_000_000, 1024 * 1024, 200_000));
        MemoryGraph graph = MemoryGraph.open(dir, options);
        opened.set(graph);
        Thread reader = new Thread(() -> {
            awaitQuietly(foldHoldsTheReadLock);
            if (graph.query("payload", 5).size() == 5 && !graph.buildContext("payload", null, false).isEmpty()) {
                queryAnswered.countDown();
            }
        });
        reader.start();

        writeFacts(graph, 5 * 1024 * 1024);

        reader.join(30_000);
        for (Thread writer : queuedWriters) {
            writer.join(30_000);
        }
        assertThat(answeredWhileFolding).as("a query was answered while the fold held off the writers").isTrue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.size(dir.resolve(MemoryGraph.JOURNAL_FILE)) < 1024 * 1024);
        assertThat(dir.resolve("snapshot.json")).exists();
        GraphView state = graph.view();
        MemoryGraph afterCrash = MemoryGraph.open(dir, TestGraphs.options(clock));
        assertThat(afterCrash.view()).isEqualTo(state);
        afterCrash.close();
        graph.close();
        assertThat(Files.size(dir.resolve(MemoryGraph.JOURNAL_FILE))).as("graceful close folds").isZero();
        MemoryGraph restarted = TestGraphs.open(dir, clock);
        assertThat(restarted.view()).isEqualTo(state);
        restarted.close();
    }

    /** About {@code bytes} of journal: four writers, 16 KiB bodies (few records, so few fsyncs), group commit. */
    private static void writeFacts(MemoryGraph graph, long bytes) throws Exception {
        int facts = (int) (bytes / (16 * 1024));
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = writer; i < facts; i += 4) {
                    graph.addFact(FactInput.of("topic " + (i % 50), "payload " + i + " " + "p".repeat(16 * 1024)));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
        writers.shutdown();
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
