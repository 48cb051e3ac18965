package dev.agentd.daemon.runs;

import dev.agentd.daemon.rpc.NotificationQueue;
import dev.agentd.daemon.session.ClientSession;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run in the index. The summary fields come from the {@code started} line and the last
 * record; everything that changes is guarded by the run's own monitor ({@code synchronized (run)}),
 * which also orders appends and the events fanned out after them.
 */
final class Run {
    final String runId;
    final String agentId;
    final Path file;
    final String intent;
    final String startedAt;

    String status;
    int turnCount;
    String endedAt;
    FileChannel channel;
    ClientSession owner;
    Runnable cancelGrace = () -> {};
    final Map<ClientSession, NotificationQueue> subscribers = new LinkedHashMap<>();

    Run(String runId, String agentId, Path file, String intent, String startedAt, String status, int turnCount,
            String endedAt) {
        this.runId = runId;
        this.agentId = agentId;
        this.file = file;
        this.intent = intent;
        this.startedAt = startedAt;
        this.status = status;
        this.turnCount = turnCount;
        this.endedAt = endedAt;
    }

    boolean open() {
        return RunRecords.IN_PROGRESS.equals(status);
    }

    /** A run of a synthesized agent id ({@code name:<slug>}) has an owner connection, no bound agent. */
    boolean synthesized() {
        return agentId.startsWith("name:");
    }
}
