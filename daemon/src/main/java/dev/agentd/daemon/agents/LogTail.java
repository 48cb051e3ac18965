package dev.agentd.daemon.agents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads the end of a child's log (agents §7.2): backwards from the end, at most 8 MiB, never the
 * whole file. When the file is larger, the partial first line of the tail is dropped.
 */
final class LogTail {
    static final int MAX_READ_BYTES = 8 * 1024 * 1024;

    private LogTail() {}

    /**
     * @param lines     the complete lines of the scanned tail, oldest first
     * @param truncated the file held more than the tail that was read
     * @param fileBytes the file's size when read (0 when missing)
     */
    record Tail(List<String> lines, boolean truncated, long fileBytes) {
        static final Tail EMPTY = new Tail(List.of(), false, 0);
    }

    /** @param readObserver told how many bytes each read took (test hook {@code agents.tail-log.read-log}) */
    static Tail read(Path file, LongConsumer readObserver) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, MAX_READ_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long position = size - length;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    break;
                }
            }
            readObserver.accept(buffer.position());
            boolean truncated = size > length;
            return new Tail(splitLines(buffer.array(), buffer.position(), truncated), truncated, size);
        } catch (NoSuchFileException e) {
            return Tail.EMPTY;
        }
    }

    /** Splits on {@code \n}, drops a trailing {@code \r}, replaces invalid UTF-8 with U+FFFD. */
    static List<String> splitLines(byte[] bytes, int length, boolean dropFirstPartialLine) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        if (dropFirstPartialLine) {
            int firstNewline = indexOf(bytes, 0, length);
            start = firstNewline < 0 ? length : firstNewline + 1;
        }
        while (start < length) {
            int newline = indexOf(bytes, start, length);
            int end = newline < 0 ? length : newline;
            int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            lines.add(new String(bytes, start, textEnd - start, StandardCharsets.UTF_8));
            start = end + 1;
        }
        return lines;
    }

    private static int indexOf(byte[] bytes, int from, int length) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
