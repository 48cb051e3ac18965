package dev.agentd.memgine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code journal.jsonl} for recovery (memory §9.5 steps 3–4) without changing it.
 *
 * <p>A record is good if its line ends with {@code \n}, its CRC matches and it parses. Good
 * records up to the snapshot's {@code journal_lsn} are skipped; the rest must continue the
 * sequence exactly. At the first bad record: if no good record follows, it is a torn tail (the
 * caller truncates it); otherwise — or on a gap or duplicate — the journal is corrupt.
 *
 * @param toApply records after the snapshot, in order
 * @param skipped good records already contained in the snapshot
 * @param validLength bytes up to the end of the last good record (where a torn tail starts)
 * @param tornBytes bytes of the torn tail (0 if none)
 * @param recordOffsets byte offset of each record of {@code toApply}, for error messages
 */
public record JournalScan(List<JournalRecord> toApply, long skipped, long validLength, long tornBytes,
        List<Long> recordOffsets) {

    /** The journal cannot be recovered; {@link #getMessage()} is {@code journal corrupt at byte <offset>}. */
    public static final class CorruptJournalException extends Exception {
        private static final long serialVersionUID = 1L;

        public CorruptJournalException(long offset) {
            super("journal corrupt at byte " + offset);
        }
    }

    private record Line(int start, int end, boolean terminated, JournalRecord record) {
        boolean good() {
            return record != null;
        }
    }

    public static JournalScan read(Path journal, long snapshotLsn) throws IOException, CorruptJournalException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(journal);
        } catch (NoSuchFileException e) {
            bytes = new byte[0];
        }
        List<Line> lines = split(bytes);
        List<JournalRecord> toApply = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        long skipped = 0;
        long expected = snapshotLsn + 1;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!line.good()) {
                if (lines.subList(i + 1, lines.size()).stream().anyMatch(Line::good)) {
                    throw new CorruptJournalException(line.start);
                }
                return new JournalScan(toApply, skipped, line.start, bytes.length - line.start, offsets);
            }
            long lsn = line.record.lsn();
            if (lsn <= snapshotLsn && toApply.isEmpty()) {
                skipped++;
            } else if (lsn == expected) {
                toApply.add(line.record);
                offsets.add((long) line.start);
                expected++;
            } else {
                throw new CorruptJournalException(line.start);
            }
        }
        return new JournalScan(toApply, skipped, bytes.length, 0, offsets);
    }

    private static List<Line> split(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean terminated = end < bytes.length;
            lines.add(new Line(start, end, terminated, terminated ? decodeOrNull(bytes, start, end) : null));
            start = end + 1;
        }
        return lines;
    }

    private static JournalRecord decodeOrNull(byte[] bytes, int start, int end) {
        try {
            return JournalCodec.decode(bytes, start, end);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
