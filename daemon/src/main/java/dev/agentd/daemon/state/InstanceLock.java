package dev.agentd.daemon.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The single-instance lock (core §14): {@code run/daemon.lock}, locked whole with
 * {@code tryLock}, held until exit. The file is never deleted — deleting it would let two
 * processes lock different inodes. The OS drops the lock when the process dies.
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when another daemon (in any JVM) holds it. */
    public static Optional<InstanceLock> tryAcquire(Path lockFile) throws IOException {
        FileChannel channel = SecureFiles.openReadWrite(lockFile);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another daemon in this JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new InstanceLock(channel, lock));
    }

    /** Replaces the file's content with {@code <pid>\n}, durably. */
    public void writeOwnerPid(long pid) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
    }

    /** The pid the current owner wrote, for the "already running" message. */
    public static String readOwnerPid(Path lockFile) {
        try {
            String content = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return content.isEmpty() ? "unknown" : content;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
