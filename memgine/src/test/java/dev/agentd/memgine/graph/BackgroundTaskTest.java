package dev.agentd.memgine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {
    @Test
    void awaitReturnsOnceTheWorkRanOnItsOwnThread() {
        AtomicBoolean ranElsewhere = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        BackgroundTask task = BackgroundTask.start("test-work", () -> ranElsewhere.set(Thread.currentThread() != caller));
        task.await();
        assertThat(ranElsewhere).isTrue();
    }

    @Test
    void awaitRethrowsWhatTheWorkThrew() {
        BackgroundTask failing = BackgroundTask.start("test-failing", () -> {
            throw new IllegalStateException("index broke");
        });
        assertThatThrownBy(failing::await).isInstanceOf(IllegalStateException.class).hasMessage("index broke");
        BackgroundTask erring = BackgroundTask.start("test-erring", () -> {
            throw new AssertionError("boom");
        });
        assertThatThrownBy(erring::await).isInstanceOf(AssertionError.class).hasMessage("boom");
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        BackgroundTask task = BackgroundTask.start("test-slow", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            finished.set(true);
        });
        Thread.currentThread().interrupt();
        new Thread(release::countDown).start();
        task.await();
        assertThat(finished).isTrue();
        assertThat(Thread.interrupted()).isTrue();
    }
}
