package dev.agentd.daemon.agents;

import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The supervisor's mutable record of one agent. Fields change only while {@link #transitions} is
 * held, so transitions of one agent are serialized; readers take the immutable {@link #state()}
 * published after each transition and never wait on a transition in progress (agents §7.1).
 */
final class ManagedAgent {
    final ReentrantLock transitions = new ReentrantLock();
    private final Object published = new Object();
    private volatile AgentState state;

    AgentSpec spec;
    AgentStatus status = AgentStatus.STOPPED;
    Process process;
    ProcessHandle orphan;
    Integer lastExitCode;
    int restartCount;
    Long startedAt;
    Instant spawnedAt;
    String lastError;
    boolean startRequested;
    boolean removed;
    Runnable cancelBackoff = () -> {};
    long backoffGeneration;

    ManagedAgent(AgentSpec spec) {
        this.spec = spec;
        publish();
    }

    /** An immutable view of one agent; {@code spec} carries the token, rows drop it. */
    record AgentState(AgentSpec spec, AgentStatus status, Long pid, Integer lastExitCode, int restartCount,
            Long startedAt, Long blockedByPid, String lastError, boolean removed) {}

    AgentState state() {
        return state;
    }

    Long pid() {
        return process != null ? Long.valueOf(process.pid()) : null;
    }

    Long blockedByPid() {
        return orphan != null ? Long.valueOf(orphan.pid()) : null;
    }

    /** Publishes the current fields and wakes every {@code agents.wait} on this agent. */
    void publish() {
        synchronized (published) {
            state = new AgentState(spec, status, pid(), lastExitCode, restartCount, startedAt, blockedByPid(),
                    lastError, removed);
            published.notifyAll();
        }
    }

    /** Waits at most {@code millis} for the next {@link #publish}. */
    void awaitChange(long millis) throws InterruptedException {
        synchronized (published) {
            published.wait(Math.max(1, millis));
        }
    }
}
