package dev.agentd.memgine;

import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.store.JournalFile;
import dev.agentd.memgine.store.JournalRecord;
import dev.agentd.memgine.store.JournalScan;
import dev.agentd.memgine.store.SecureFiles;
import dev.agentd.memgine.store.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graph open (memory §9.5): parse the snapshot, scan and replay the journal, and only when all
 * of that succeeded touch any file — delete {@code snapshot.json.tmp}, truncate a torn tail. So a
 * failed open leaves every file byte-identical (§1.2), which the spec's step order would not
 * guarantee for the stale tmp file.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    record Result(GraphState state, long lastLsn, long clockFloor, RecoveryReport report) {}

    private Recovery() {}

    static Result recover(Path directory, String label) {
        try {
            SecureFiles.createDirectories(directory);
            SnapshotFile.Restored restored = readSnapshot(directory);
            Path journalPath = directory.resolve(MemoryGraph.JOURNAL_FILE);
            JournalScan scan = scan(journalPath, restored.journalLsn());
            GraphState state = restored.state();
            long lastLsn = restored.journalLsn();
            long clockFloor = restored.clockFloor();
            for (int i = 0; i < scan.toApply().size(); i++) {
                JournalRecord record = scan.toApply().get(i);
                apply(state, record, scan.recordOffsets().get(i));
                lastLsn = record.lsn();
                clockFloor = Math.max(clockFloor, record.mutation().at());
            }
            Files.deleteIfExists(SecureFiles.temporarySibling(SnapshotFile.path(directory)));
            if (scan.tornBytes() > 0) {
                JournalFile.truncateTo(journalPath, scan.validLength());
                log.warn("discarded torn journal tail ({} bytes) of memory graph '{}'", scan.tornBytes(), label);
            }
            return new Result(state, lastLsn, clockFloor, new RecoveryReport(restored.journalLsn(),
                    scan.toApply().size(), scan.skipped(), scan.tornBytes()));
        } catch (IOException e) {
            throw loadFailure(e.toString(), e);
        }
    }

    private static SnapshotFile.Restored readSnapshot(Path directory) throws IOException {
        try {
            return SnapshotFile.read(directory);
        } catch (IllegalArgumentException e) {
            throw loadFailure(SnapshotFile.FILE_NAME + " is invalid: " + e.getMessage(), e);
        }
    }

    private static JournalScan scan(Path journal, long snapshotLsn) throws IOException {
        try {
            return JournalScan.read(journal, snapshotLsn);
        } catch (JournalScan.CorruptJournalException e) {
            throw loadFailure(e.getMessage(), e);
        }
    }

    private static void apply(GraphState state, JournalRecord record, long offset) {
        try {
            state.apply(record.mutation());
        } catch (RuntimeException e) {
            throw loadFailure("journal corrupt at byte " + offset + ": record " + record.lsn()
                    + " cannot be applied (" + e.getMessage() + ")", e);
        }
    }

    private static MemoryException loadFailure(String reason, Throwable cause) {
        return MemoryException.runtime("memory graph could not be loaded: " + reason, cause);
    }
}
