package dev.agentd.daemon.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.state.StateRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart delays with an injected clock and scheduler (agents §8 checks 11 and 12). */
class BackoffTest {
    /** A clock the test moves, and a scheduler that records delays and runs tasks on demand. */
    static final class ManualClock implements SupervisorClock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final List<Runnable> pending = new CopyOnWriteArrayList<>();

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Runnable schedule(Runnable task, Duration delay) {
            delays.add(delay);
            pending.add(task);
            return () -> pending.remove(task);
        }

        void fireNext() {
            pending.remove(0).run();
        }
    }

    @TempDir
    Path tmp;
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final ManualClock clock = new ManualClock();
    private AgentSupervisor supervisor;
    private AgentScripts scripts;

    @BeforeEach
    void setUp() throws Exception {
        StateRoot root = new StateRoot(tmp.resolve("home"));
        root.prepare();
        supervisor = new AgentSupervisor(root, AgentManifest.load(root.agentsManifest()),
                new SpecValidator(List.of(Path.of("/tmp")), System.getenv("PATH")), clock, background);
        supervisor.environment(new AgentSupervisor.ChildEnvironment("ws://127.0.0.1:1/", "t"));
        scripts = AgentScripts.create();
    }

    @AfterEach
    void tearDown() {
        supervisor.shutdown(true);
        background.shutdownNow();
    }

    private AgentSpec failing(String id, int maxRestarts) throws Exception {
        return new AgentSpec(id, null, "/bin/sh", null, List.of(scripts.exits(1).toString()), null, null,
                RestartPolicy.ON_FAILURE, maxRestarts, 1, false, null, null);
    }

    private void awaitStatus(String id, AgentStatus status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.state(id).status() == status);
    }

    /** Check 11. */
    @Test
    void delaysDoubleFromBackoffSecs() throws Exception {
        supervisor.upsert(failing("doubling", 5));
        supervisor.start("doubling");
        for (int i = 0; i < 3; i++) {
            awaitStatus("doubling", AgentStatus.BACKOFF);
            await().atMost(Duration.ofSeconds(10)).until(() -> !clock.pending.isEmpty());
            clock.fireNext();
        }
        awaitStatus("doubling", AgentStatus.BACKOFF);
        assertThat(clock.delays).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void delayFunctionIsCappedAtFiveMinutes() {
        List<Long> delays = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            delays.add(Backoff.delay(1, n).toSeconds());
            assertThat(Backoff.delay(300, n).toSeconds()).isEqualTo(300);
        }
        assertThat(delays).startsWith(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L).allMatch(d -> d <= 300);
    }

    /** Check 12: a child that ran five minutes or more starts counting afresh. */
    @Test
    void failureAfterAStableRunResetsTheRestartCount() throws Exception {
        Path gate = scripts.dir().resolve("gate");
        Path script = scripts.script("waits.sh", "while [ ! -f '" + gate + "' ]; do sleep 0.1; done\nexit 1");
        supervisor.upsert(new AgentSpec("stable", null, "/bin/sh", null, List.of(script.toString()), null, null,
                RestartPolicy.ON_FAILURE, 10, 1, false, null, null));
        supervisor.start("stable");
        Files.writeString(gate, "");
        awaitStatus("stable", AgentStatus.BACKOFF);
        assertThat(supervisor.state("stable").restartCount()).isEqualTo(1);
        Files.delete(gate);
        clock.fireNext();
        awaitStatus("stable", AgentStatus.RUNNING);
        clock.now = clock.now.plus(Duration.ofSeconds(301));
        Files.writeString(gate, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> clock.delays.size() == 2);
        assertThat(supervisor.state("stable").restartCount()).isEqualTo(1);
        assertThat(clock.delays.get(1)).isEqualTo(Duration.ofSeconds(1));
    }
}
