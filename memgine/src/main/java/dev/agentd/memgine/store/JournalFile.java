package dev.agentd.memgine.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The append side of {@code journal.jsonl}. Appends and syncs may run concurrently (one appender
 * under the graph's write lock, one syncing group-commit leader); both are plain system calls
 * on the same descriptor and are not interruptible (see {@link SecureFiles} for why).
 */
public final class JournalFile implements Closeable {
    private final RandomAccessFile file;
    private volatile long size;
    private volatile long records;

    private JournalFile(RandomAccessFile file, long size, long records) {
        this.file = file;
        this.size = size;
        this.records = records;
    }

    /**
     * Opens the journal for appending after recovery, creating it (0600) if absent. The caller
     * has already truncated any torn tail, so appends start at the current end.
     */
    public static JournalFile openForAppend(Path path, long records) throws IOException {
        if (!Files.exists(path)) {
            SecureFiles.createFile(path);
            SecureFiles.syncDirectory(path.toAbsolutePath().getParent());
        }
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        long length = file.length();
        file.seek(length);
        return new JournalFile(file, length, records);
    }

    /** Cuts a torn tail off the journal at {@code length} and syncs (recovery, §9.5 step 4). */
    public static void truncateTo(Path path, long length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(length);
            file.getFD().sync();
        }
    }

    /** Writes one complete line at the end; durable only after {@link #sync()}. */
    public void append(byte[] line) throws IOException {
        file.write(line);
        size += line.length;
        records++;
    }

    /** Forces everything appended so far to the device. */
    public void sync() throws IOException {
        file.getFD().sync();
    }

    /** Empties the journal durably (after a fold). */
    public void truncate() throws IOException {
        file.setLength(0);
        file.seek(0);
        file.getFD().sync();
        size = 0;
        records = 0;
    }

    public long size() {
        return size;
    }

    /** Records appended since the journal was last empty. */
    public long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
