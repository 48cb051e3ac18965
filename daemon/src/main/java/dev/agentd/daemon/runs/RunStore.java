package dev.agentd.daemon.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.state.PathEncoding;
import dev.agentd.daemon.state.SecureFiles;
import dev.agentd.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run files (runs §5): {@code <root>/runs/<fsname(agent_id)>/<fsname(run_id)>.jsonl}, one
 * record per line, every append forced to disk before it is acknowledged or streamed.
 */
final class RunStore {
    static final int MAX_LINE_BYTES = 262_144;

    private final Path runsDir;
    private final Consumer<Path> openLog;

    /** @param openLog told every path this store opens or lists (test hook {@code runs.store.open-log}) */
    RunStore(Path runsDir, Consumer<Path> openLog) {
        this.runsDir = runsDir;
        this.openLog = openLog;
    }

    Path fileOf(String agentId, String runId) {
        return runsDir.resolve(PathEncoding.fsName(agentId)).resolve(PathEncoding.fsName(runId) + ".jsonl");
    }

    /** Creates a run's file holding its {@code started} line, durably; fails if it exists. */
    FileChannel create(Path file, JsonNode started) throws IOException {
        SecureFiles.createDirectories(file.getParent());
        openLog.accept(file);
        FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(SecureFiles.FILE_MODE));
        try {
            append(channel, List.of(encode(started)));
            SecureFiles.syncDirectory(file.getParent());
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Reopens an existing run file for appending. */
    FileChannel openForAppend(Path file) throws IOException {
        openLog.accept(file);
        return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Appends the lines with one write and forces them to disk. */
    static void append(FileChannel channel, List<byte[]> lines) throws IOException {
        int size = lines.stream().mapToInt(line -> line.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        lines.forEach(buffer::put);
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    /** A record as one stored line, newline included. */
    static byte[] encode(JsonNode record) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(record);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete record of a run, in order; a torn last line is ignored. */
    List<JsonNode> readRecords(Path file) throws IOException {
        openLog.accept(file);
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                parse(line).ifPresent(records::add);
            }
        }
        return records;
    }

    /** Lists every run file, for the start-up scan. */
    List<Path> listRunFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return files;
        }
        openLog.accept(runsDir);
        try (DirectoryStream<Path> agents = Files.newDirectoryStream(runsDir, Files::isDirectory)) {
            for (Path agentDir : agents) {
                openLog.accept(agentDir);
                try (DirectoryStream<Path> runs = Files.newDirectoryStream(agentDir, "*.jsonl")) {
                    runs.forEach(files::add);
                }
            }
        }
        return files;
    }

    /**
     * What the start-up scan needs of one file: its {@code started} record and its last complete
     * record, reading only the first line and the tail. A torn or unparsable tail is truncated
     * (and forced) so that later appends start on a line boundary.
     */
    Optional<ScannedRun> scan(Path file) throws IOException {
        openLog.accept(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Optional<JsonNode> started = firstLine(channel).flatMap(RunStore::parse)
                    .filter(record -> "started".equals(record.path("record").asText()));
            if (started.isEmpty()) {
                return Optional.empty();
            }
            JsonNode last = repairTail(channel);
            return Optional.of(new ScannedRun(started.get(), last == null ? started.get() : last));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    record ScannedRun(JsonNode started, JsonNode last) {}

    private static Optional<String> firstLine(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_LINE_BYTES));
        channel.read(buffer, 0);
        byte[] bytes = buffer.array();
        for (int i = 0; i < buffer.position(); i++) {
            if (bytes[i] == '\n') {
                return Optional.of(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Returns the last complete record, truncating whatever follows it. */
    private static JsonNode repairTail(FileChannel channel) throws IOException {
        long size = channel.size();
        int window = (int) Math.min(size, 2L * MAX_LINE_BYTES + 2);
        ByteBuffer buffer = ByteBuffer.allocate(window);
        channel.read(buffer, size - window);
        byte[] bytes = buffer.array();
        int end = window; // exclusive end of the candidate last line
        while (end > 0) {
            if (bytes[end - 1] != '\n') {
                end = lastNewline(bytes, end) + 1; // drop an unterminated tail
                continue;
            }
            int start = lastNewline(bytes, end - 1) + 1;
            Optional<JsonNode> record = parse(new String(bytes, start, end - 1 - start, StandardCharsets.UTF_8));
            if (record.isPresent()) {
                truncate(channel, size - window + end);
                return record.get();
            }
            end = start; // an unparsable line: drop it as well
        }
        return null;
    }

    private static int lastNewline(byte[] bytes, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void truncate(FileChannel channel, long length) throws IOException {
        if (channel.size() > length) {
            channel.truncate(length);
            channel.force(true);
        }
    }

    static Optional<JsonNode> parse(String line) {
        try {
            JsonNode record = Json.mapper().readTree(line);
            return record != null && record.isObject() ? Optional.of(record) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
