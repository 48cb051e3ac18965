package dev.agentd.daemon.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GraphHandle}: one open per graph directory, failures remembered, no opens after close (memory §1.2). */
class GraphHandleTest {
    private static final GraphKey KEY = GraphKey.namespace("handle");

    @TempDir
    Path dir;

    private final AtomicInteger opens = new AtomicInteger();

    private Function<GraphKey, MemoryGraph> counting(Function<GraphKey, MemoryGraph> opener) {
        return key -> {
            opens.incrementAndGet();
            return opener.apply(key);
        };
    }

    private MemoryGraph realGraph(GraphKey key) {
        return MemoryGraph.open(dir.resolve("graph"), GraphOptions.defaults(key.label()));
    }

    @Test
    void concurrentFirstUsesOpenTheGraphOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GraphHandle handle = new GraphHandle(KEY, counting(key -> {
            awaitQuietly(release);
            return realGraph(key);
        }));
        List<CompletableFuture<MemoryGraph>> graphs = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<MemoryGraph> graph = new CompletableFuture<>();
            Thread caller = new Thread(() -> graph.complete(handle.graph()), "first-use-" + i);
            graphs.add(graph);
            callers.add(caller);
            caller.start();
        }

        await("one caller opening, seven waiting for it").atMost(Duration.ofSeconds(10)).until(() -> opens.get() == 1
                && callers.stream().filter(thread -> thread.getState() == Thread.State.BLOCKED).count() == 7);
        release.countDown();

        MemoryGraph first = graphs.get(0).get(10, TimeUnit.SECONDS);
        for (CompletableFuture<MemoryGraph> graph : graphs) {
            assertThat(graph.get(10, TimeUnit.SECONDS)).isSameAs(first);
        }
        assertThat(opens).hasValue(1);
        first.close();
    }

    @Test
    void aFailedOpenIsRememberedAndNeverRetried() {
        GraphHandle handle = new GraphHandle(KEY, counting(key -> {
            throw MemoryException.runtime("memory graph could not be loaded: snapshot.json is invalid");
        }));

        Throwable first = catchFailure(handle);
        Throwable second = catchFailure(handle);

        assertThat(first).isInstanceOf(MemoryException.class)
                .hasMessage("memory graph could not be loaded: snapshot.json is invalid");
        assertThat(second).isSameAs(first);
        assertThat(opens).hasValue(1);
    }

    @Test
    void anUnexpectedFailureBecomesALoadError() {
        GraphHandle handle = new GraphHandle(KEY, key -> {
            throw new UncheckedIOException(new IOException("permission denied"));
        });

        assertThatThrownBy(handle::graph).isInstanceOfSatisfying(MemoryException.class, e -> {
            assertThat(e.kind()).isEqualTo(MemoryException.Kind.RUNTIME);
            assertThat(e.getMessage()).isEqualTo("memory graph could not be loaded: java.io.IOException: permission denied");
        });
    }

    @Test
    void noGraphIsOpenedAfterClose() {
        GraphHandle handle = new GraphHandle(KEY, counting(this::realGraph));

        handle.close();

        assertThatThrownBy(handle::graph).isInstanceOf(MemoryException.class).hasMessage("daemon shutting down");
        assertThat(opens).hasValue(0);
    }

    @Test
    void closeFoldsAnOpenGraph() {
        GraphHandle handle = new GraphHandle(KEY, this::realGraph);
        handle.graph().addFact(FactInput.of("s", "b"));

        handle.close();

        assertThat(dir.resolve("graph/journal.jsonl")).isEmptyFile();
        assertThat(dir.resolve("graph/snapshot.json")).isRegularFile();
        assertThatThrownBy(() -> handle.graph().factCount()).isInstanceOf(MemoryException.class)
                .hasMessage("memory graph 'ns:handle' is closed");
    }

    private static Throwable catchFailure(GraphHandle handle) {
        try {
            handle.graph();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the open did not fail");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
