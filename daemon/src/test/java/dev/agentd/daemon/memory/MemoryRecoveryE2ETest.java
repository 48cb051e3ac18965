package dev.agentd.daemon.memory;

import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonConfig;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.memgine.GraphLimits;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening graphs from what a crash or a graceful shutdown left on disk (memory §9.4, §9.5), seen
 * through the protocol. Journals are made by the daemon itself, then copied into the directory of
 * another namespace — as a crash at that moment would have left them — and edited there. Covers
 * memory §12 checks 19, 20, 21, the restart parts of 9 and 23, and the failed shared graph of §1.2.
 */
class MemoryRecoveryE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    @TempDir
    Path temp;

    private RpcClient namespace(String name) {
        return MemoryConnections.namespace(agentd, name);
    }

    private Path directory(String namespace) {
        return MemoryConnections.namespaceDirectory(agentd.root(), namespace);
    }

    /** Three acknowledged facts in {@code namespace}; returns the lines of its journal. */
    private List<String> journalOfThreeFacts(String namespace) throws Exception {
        RpcClient client = namespace(namespace);
        for (int i = 1; i <= 3; i++) {
            client.call("memory.add_fact", fact("fact " + i, "body " + i), TIMEOUT);
        }
        return Files.readAllLines(directory(namespace).resolve("journal.jsonl"), StandardCharsets.UTF_8);
    }

    private Path writeJournal(String namespace, String content) throws Exception {
        Path journal = Files.createDirectories(directory(namespace)).resolve("journal.jsonl");
        Files.writeString(journal, content, StandardCharsets.UTF_8);
        return journal;
    }

    private static String withCrcChanged(String line) {
        char first = line.charAt(0);
        return (first == '0' ? '1' : '0') + line.substring(1);
    }

    /** Check 19, both forms of a torn tail. */
    @Test
    void aTornFinalRecordIsDiscardedAndNewWritesAppend() throws Exception {
        List<String> lines = journalOfThreeFacts("origin");
        String intact = lines.get(0) + "\n" + lines.get(1) + "\n";
        Path cut = writeJournal("cut", intact + lines.get(2).substring(0, lines.get(2).length() / 2));
        Path badCrc = writeJournal("bad-crc", intact + withCrcChanged(lines.get(2)) + "\n");

        for (String torn : List.of("cut", "bad-crc")) {
            RpcClient client = namespace(torn);
            assertThat(MemoryConnections.factCount(client)).as(torn).isEqualTo(2);
            client.call("memory.add_fact", fact("after", "appended"), TIMEOUT);
            assertThat(MemoryConnections.factCount(client)).as(torn).isEqualTo(3);
        }

        for (Path journal : List.of(cut, badCrc)) {
            List<String> now = Files.readAllLines(journal, StandardCharsets.UTF_8);
            assertThat(now).hasSize(3);
            assertThat(now.subList(0, 2)).isEqualTo(lines.subList(0, 2));
            assertThat(now.get(2)).contains("\"lsn\":3").contains("appended");
        }
    }

    /** Check 20. */
    @Test
    void aBadRecordInTheMiddleFailsTheBindAndTouchesNothing() throws Exception {
        List<String> lines = journalOfThreeFacts("source");
        Path journal = writeJournal("corrupt", lines.get(0) + "\n" + withCrcChanged(lines.get(1)) + "\n" + lines.get(2) + "\n");
        byte[] before = Files.readAllBytes(journal);
        RpcClient client = agentd.connect();

        assertRpcErrorStartsWith(() -> client.call("session.auth",
                Map.of("token", agentd.authToken(), "memory_namespace", "corrupt"), TIMEOUT),
                -32603, "memory graph could not be loaded: journal corrupt at byte ");

        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        try (Stream<Path> files = Files.list(journal.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("journal.jsonl");
        }
        assertThat(MemoryConnections.factCount(namespace("source"))).isEqualTo(3);
        assertThat(MemoryConnections.factCount(client)).as("the shared graph still works").isZero();
    }

    /** Check 21: the fold stops right after the rename; recovery skips what the snapshot holds. */
    @Test
    void aCrashBetweenSnapshotRenameAndJournalTruncationAppliesNoRecordTwice() throws Exception {
        agentd.daemon().testHooks().arm(TestHooks.MEMORY_LIMITS, new GraphLimits(1_000_000, 64L << 20, 5));
        agentd.daemon().testHooks().arm(TestHooks.MEMORY_FOLD_STOP_AFTER_RENAME, "ns:folding");
        RpcClient writer = namespace("folding");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(writer.call("memory.add_fact", fact("same subject", "body " + i).set("tags",
                    Json.mapper().valueToTree(List.of("n" + i))), TIMEOUT).get("id").asText());
        }
        Path snapshot = directory("folding").resolve("snapshot.json");
        await("the stopped fold").atMost(TIMEOUT)
                .until(() -> agentd.daemon().testHooks().armed(TestHooks.MEMORY_FOLD_STOP_AFTER_RENAME, String.class).isEmpty());
        assertThat(Json.mapper().readTree(snapshot.toFile()).get("journal_lsn").asLong()).isEqualTo(5);
        Path journal = directory("folding").resolve("journal.jsonl");
        assertThat(Files.readAllLines(journal)).as("the journal was left untruncated").hasSize(5);

        Files.createDirectories(directory("after-crash"));
        Files.copy(snapshot, directory("after-crash").resolve("snapshot.json"));
        Files.copy(journal, directory("after-crash").resolve("journal.jsonl"));
        RpcClient recovered = namespace("after-crash");

        assertThat(MemoryConnections.factCount(recovered)).isEqualTo(5);
        assertThat(exportedIds(recovered)).containsExactlyElementsOf(ids);
        JsonNode next = recovered.call("memory.add_fact", fact("same subject", "body 5").put("id", "ws-same-subject"), TIMEOUT);
        assertThat(next.get("id").asText()).isEqualTo("ws-same-subject-6");
    }

    private List<String> exportedIds(RpcClient client) throws Exception {
        String path = MemoryConnections.uniqueNamespace("export") + ".json";
        client.call("memory.persist", Map.of("path", path), TIMEOUT);
        JsonNode export = Json.mapper().readTree(agentd.root().resolve("memory/files").resolve(path).toFile());
        return export.get("facts").findValuesAsText("id");
    }

    /** Checks 9 and 23 (restart parts): a graceful shutdown folds every journal; contexts survive byte for byte. */
    @Test
    void aGracefulRestartEmptiesTheJournalsAndKeepsContextsByteIdentical() throws Exception {
        RpcClient client = namespace("layers");
        client.call("memory.set_identity", Map.of("body", "User: Matt\nRole: Director"), TIMEOUT);
        client.call("memory.add_fact", fact("vendor policy", "No auto-renew without CFO review").put("kind", "constraint"),
                TIMEOUT);
        client.call("memory.add_fact", fact("deploy target", "prod-eu-1"), TIMEOUT);
        client.call("memory.add_fact", fact("deploy target", "prod-us-2").put("supersedes", "ws-deploy-target"), TIMEOUT);
        client.call("memory.add_fact", fact("cost", "derived from prod-eu-1").set("depends_on",
                Json.mapper().valueToTree(List.of("ws-deploy-target"))), TIMEOUT);
        client.call("memory.add_turn", Map.of("speaker", "user", "text", "Renew VendorX for one year."), TIMEOUT);
        client.call("memory.set_environment", Map.of("key", "now", "value", "2025-12-21T10:00:00-05:00"), TIMEOUT);
        agentd.connect().call("memory.add_fact", fact("shared", "on the shared graph"), TIMEOUT);
        String context = MemoryConnections.context(client, "deploy target vendor cost");
        JsonNode hits = MemoryConnections.query(client, "deploy target vendor cost");

        agentd.restart();

        assertThat(directory("layers").resolve("journal.jsonl")).isEmptyFile();
        assertThat(agentd.root().resolve("memory/shared/journal.jsonl")).isEmptyFile();
        RpcClient again = namespace("layers");
        assertThat(MemoryConnections.context(again, "deploy target vendor cost")).isEqualTo(context)
                .startsWith("## Identity\nUser: Matt\nRole: Director\n\n## Constraints\n");
        assertThat(MemoryConnections.query(again, "deploy target vendor cost")).isEqualTo(hits);
        assertThat(MemoryConnections.factCount(agentd.connect())).isEqualTo(1);
    }

    /** Memory §1.2: a shared graph that cannot be loaded does not stop the daemon; only its calls fail. */
    @Test
    void aSharedGraphThatCannotBeLoadedFailsOnlyTheCallsOnIt() throws Exception {
        Path root = Files.createDirectory(temp.resolve("home"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path snapshot = Files.createDirectories(root.resolve("memory/shared")).resolve("snapshot.json");
        Files.writeString(snapshot, "not json at all");

        try (Daemon daemon = DaemonExtension.startWithTestHooks(DaemonConfig.defaults(root).withPort(0), true);
                RpcClient client = RpcClient.open(daemon.wsUri(), TIMEOUT)) {
            String token = Files.readString(root.resolve("auth-token")).strip();
            client.call("session.auth", Map.of("token", token), TIMEOUT);

            assertRpcErrorStartsWith(() -> client.call("memory.fact_count", null, TIMEOUT),
                    -32603, "memory graph could not be loaded: snapshot.json is invalid");
            assertRpcErrorStartsWith(() -> client.call("memory.add_fact", fact("s", "b"), TIMEOUT),
                    -32603, "memory graph could not be loaded: ");
            client.call("session.auth", Map.of("token", token, "memory_namespace", "healthy"), TIMEOUT);
            client.call("memory.add_fact", fact("s", "b"), TIMEOUT);
            assertThat(MemoryConnections.factCount(client)).isEqualTo(1);
        }

        assertThat(Files.readString(snapshot)).isEqualTo("not json at all");
        assertThat(root.resolve("memory/shared/journal.jsonl")).doesNotExist();
    }
}
