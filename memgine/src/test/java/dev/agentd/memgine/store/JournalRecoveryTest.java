package dev.agentd.memgine.store;

import static dev.agentd.memgine.TestGraphs.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.GraphHooks;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.RecoveryReport;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Checks 19–22 and the file formats of §9: torn tails are cut, corruption in the middle refuses
 * to open without touching a byte, a fold interrupted after the rename applies nothing twice,
 * and a failed append fails the graph but loses no acknowledged write.
 */
class JournalRecoveryTest {
    @TempDir
    Path tmp;

    private final ManualClock clock = ManualClock.at("2025-06-01T09:00:00Z");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<MemoryGraph> opened = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("dev.agentd.memgine")).addAppender(logs);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger("dev.agentd.memgine")).detachAppender(logs);
        opened.forEach(MemoryGraph::close);
    }

    private MemoryGraph open(Path dir) {
        MemoryGraph graph = TestGraphs.open(dir, clock);
        opened.add(graph);
        return graph;
    }

    /** Writes facts a0..a(n-1) and leaves the graph unclosed, as a crash would: journal only. */
    private Path journalWithFacts(String name, int n) {
        Path dir = tmp.resolve(name);
        MemoryGraph graph = open(dir);
        for (int i = 0; i < n; i++) {
            graph.addFact(fact("a" + i, "body " + i));
        }
        return dir;
    }

    private static Path journal(Path dir) {
        return dir.resolve(MemoryGraph.JOURNAL_FILE);
    }

    private static List<Long> lineOffsets(byte[] journal) {
        List<Long> offsets = new ArrayList<>();
        offsets.add(0L);
        for (int i = 0; i < journal.length - 1; i++) {
            if (journal[i] == '\n') {
                offsets.add((long) i + 1);
            }
        }
        return offsets;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    @Test
    void filesAreCreatedWithOwnerOnlyModesAndRecordsHaveTheSpecFormat() throws IOException {
        Path dir = journalWithFacts("formats", 1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal(dir)))).isEqualTo("rw-------");

        String line = Files.readString(journal(dir));
        assertThat(line).matches("[0-9a-f]{8} \\{.*\\}\n");
        JsonNode record = Json.mapper().readTree(line.substring(9));
        assertThat(record.get("lsn").asLong()).isEqualTo(1);
        assertThat(record.get("op").asText()).isEqualTo("add_fact");
        assertThat(record.get("at").asLong()).isEqualTo(clock.millis());
        assertThat(record.get("req").asText()).isEqualTo("ws-a0");
        assertThat(record.get("id").asText()).isEqualTo("ws-a0");
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(line.substring(9, line.length() - 1).getBytes(StandardCharsets.UTF_8));
        assertThat(line.substring(0, 8)).isEqualTo(String.format("%08x", crc.getValue()));

        MemoryGraph graph = opened.get(0);
        graph.fold();
        assertThat(Files.size(journal(dir))).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("snapshot.json"))))
                .isEqualTo("rw-------");
        JsonNode snapshot = Json.mapper().readTree(dir.resolve("snapshot.json").toFile());
        assertThat(snapshot.get("format").asText()).isEqualTo("agentd-memgine-snapshot");
        assertThat(snapshot.get("journal_lsn").asLong()).isEqualTo(1);
        assertThat(snapshot.get("graph").asText()).isEqualTo("test");
        assertThat(snapshot.get("facts").get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(snapshot.get("facts").get(0).get("created_at").asLong()).isEqualTo(clock.millis());
    }

    @Test
    void tornFinalRecordIsTruncatedWithAWarning() throws IOException {
        Path dir = journalWithFacts("torn", 5);
        byte[] bytes = Files.readAllBytes(journal(dir));
        long lastStart = lineOffsets(bytes).get(4);
        Path crashed = copy(dir, tmp.resolve("torn-copy"));
        try (var file = new java.io.RandomAccessFile(journal(crashed).toFile(), "rw")) {
            file.setLength(lastStart + 20);
        }

        MemoryGraph graph = open(crashed);

        assertThat(graph.factCount()).isEqualTo(4);
        assertThat(graph.recovery()).isEqualTo(new RecoveryReport(0, 4, 0, 20));
        assertThat(Files.size(journal(crashed))).isEqualTo(lastStart);
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("discarded torn journal tail (20 bytes)");
        });
        graph.addFact(fact("a4", "again"));
        assertThat(open(copy(crashed, tmp.resolve("torn-reopened"))).factCount()).as("new writes append").isEqualTo(5);
    }

    @Test
    void badCrcOnTheLastLineIsATornTailToo() throws IOException {
        Path dir = journalWithFacts("crc-tail", 3);
        Path crashed = copy(dir, tmp.resolve("crc-tail-copy"));
        byte[] bytes = Files.readAllBytes(journal(crashed));
        long lastStart = lineOffsets(bytes).get(2);
        bytes[(int) lastStart] = (byte) (bytes[(int) lastStart] == '0' ? '1' : '0');
        Files.write(journal(crashed), bytes);

        MemoryGraph graph = open(crashed);

        assertThat(graph.factCount()).isEqualTo(2);
        assertThat(graph.recovery().discardedTailBytes()).isEqualTo(bytes.length - lastStart);
        assertThat(Files.size(journal(crashed))).isEqualTo(lastStart);
    }

    @Test
    void badCrcInTheMiddleRefusesToOpenAndTouchesNothing() throws IOException {
        Path dir = journalWithFacts("middle", 5);
        opened.get(0).fold();
        opened.get(0).addFact(fact("after-fold-1", "x"));
        opened.get(0).addFact(fact("after-fold-2", "y"));
        opened.get(0).addFact(fact("after-fold-3", "z"));
        Path crashed = copy(dir, tmp.resolve("middle-copy"));
        Files.writeString(crashed.resolve("snapshot.json.tmp"), "half-written");
        byte[] bytes = Files.readAllBytes(journal(crashed));
        long second = lineOffsets(bytes).get(1);
        bytes[(int) second + 12] = (byte) (bytes[(int) second + 12] == 'a' ? 'b' : 'a');
        Files.write(journal(crashed), bytes);
        byte[] snapshot = Files.readAllBytes(crashed.resolve("snapshot.json"));

        assertThatThrownBy(() -> open(crashed))
                .isInstanceOfSatisfying(MemoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.RUNTIME))
                .hasMessage("memory graph could not be loaded: journal corrupt at byte " + second);

        assertThat(Files.readAllBytes(journal(crashed))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(crashed.resolve("snapshot.json"))).isEqualTo(snapshot);
        assertThat(Files.readString(crashed.resolve("snapshot.json.tmp"))).isEqualTo("half-written");
        assertThat(open(tmp.resolve("other")).factCount()).as("other graphs work").isZero();
    }

    @Test
    void gapsDuplicatesAndBrokenSnapshotsRefuseToOpen() throws IOException {
        Path dir = journalWithFacts("gap", 3);
        List<String> lines = Files.readAllLines(journal(dir));
        long secondOffset = lines.get(0).length() + 1;

        Path gap = copy(dir, tmp.resolve("gap-copy"));
        Files.write(journal(gap), List.of(lines.get(0), lines.get(2)));
        assertThatThrownBy(() -> open(gap)).hasMessage("memory graph could not be loaded: journal corrupt at byte "
                + secondOffset);

        Path duplicate = copy(dir, tmp.resolve("duplicate-copy"));
        Files.write(journal(duplicate), List.of(lines.get(0), lines.get(0), lines.get(1)));
        assertThatThrownBy(() -> open(duplicate)).hasMessage(
                "memory graph could not be loaded: journal corrupt at byte " + secondOffset);

        Path badSnapshot = copy(dir, tmp.resolve("bad-snapshot"));
        Files.writeString(badSnapshot.resolve("snapshot.json"), "{\"format\":\"agentd-memgine-snapshot\",");
        assertThatThrownBy(() -> open(badSnapshot))
                .hasMessageStartingWith("memory graph could not be loaded: snapshot.json is invalid: not valid JSON");
    }

    @Test
    void crashAfterTheSnapshotRenameAppliesNothingTwice() {
        AtomicBoolean stopAfterRename = new AtomicBoolean(true);
        GraphHooks hooks = new GraphHooks() {
            @Override
            public boolean stopFoldAfterRename() {
                return stopAfterRename.getAndSet(false);
            }
        };
        Path dir = tmp.resolve("rename");
        MemoryGraph graph = MemoryGraph.open(dir, TestGraphs.options(clock).withHooks(hooks));
        opened.add(graph);
        for (int i = 0; i < 4; i++) {
            graph.addFact(fact("same subject", "value " + i));
        }
        graph.addTurn("user", "a turn", null);
        GraphView before = graph.view();

        graph.fold();

        assertThat(journal(dir)).as("journal left untruncated").isNotEmptyFile();
        MemoryGraph recovered = open(dir);
        assertThat(recovered.recovery()).isEqualTo(new RecoveryReport(5, 0, 5, 0));
        assertThat(recovered.view()).isEqualTo(before);
        recovered.addFact(fact("same subject", "value 4"));
        assertThat(recovered.factCount()).isEqualTo(5);
        MemoryGraph again = open(dir);
        assertThat(again.recovery()).isEqualTo(new RecoveryReport(5, 1, 5, 0));
        assertThat(again.view()).isEqualTo(recovered.view());
    }

    @Test
    void failedAppendFailsTheGraphButLosesNoAcknowledgedWrite() {
        AtomicBoolean failAppend = new AtomicBoolean();
        GraphHooks hooks = new GraphHooks() {
            @Override
            public boolean failJournalAppend() {
                return failAppend.get();
            }
        };
        Path dir = tmp.resolve("fail-append");
        MemoryGraph graph = MemoryGraph.open(dir, TestGraphs.options(clock).withHooks(hooks));
        for (int i = 0; i < 3; i++) {
            graph.addFact(fact("acked", "value " + i));
        }
        MemoryGraph other = open(tmp.resolve("unaffected"));
        failAppend.set(true);
        String failure = "memory graph 'test' failed: journal I/O error: "
                + "injected append failure (memory.journal.fail-append)";

        assertThatThrownBy(() -> graph.addFact(fact("lost", "never acknowledged")))
                .isInstanceOfSatisfying(MemoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.RUNTIME))
                .hasMessage(failure);
        failAppend.set(false);
        assertThatThrownBy(graph::factCount).hasMessage(failure);
        assertThatThrownBy(() -> graph.query("acked", 5)).hasMessage(failure);
        assertThatThrownBy(() -> graph.addTurn("user", "x", null)).hasMessage(failure);
        assertThat(graph.isFailed()).isTrue();
        other.addFact(fact("fine", "still works"));
        assertThat(other.factCount()).isEqualTo(1);
        graph.close();

        MemoryGraph restarted = open(dir);
        assertThat(restarted.factCount()).isEqualTo(3);
        assertThat(restarted.query("never acknowledged", 5)).isEmpty();
    }

    @Test
    void theClockNeverGoesBackwardsAcrossARestart() {
        Path dir = tmp.resolve("clock");
        MemoryGraph graph = open(dir);
        graph.addFact(fact("a", "b"));
        long written = clock.millis();
        ManualClock behind = new ManualClock(written - 60_000);
        MemoryGraph restarted = MemoryGraph.open(dir, TestGraphs.options(behind));
        opened.add(restarted);
        assertThat(restarted.now()).isEqualTo(written);
    }
}
