package dev.agentd.daemon.memory;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code memory.persist} and {@code memory.load} over the protocol (memory §8): the sandbox under
 * {@code <root>/memory/files/}, the round trip and the all-or-nothing load. Covers memory §12
 * checks 15, 16 and 17.
 */
class MemoryFilesE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    @TempDir
    static Path outside;

    private static Path files() {
        return agentd.root().resolve("memory/files");
    }

    private static RpcClient freshNamespace(String prefix) {
        return MemoryConnections.namespace(agentd, MemoryConnections.uniqueNamespace(prefix));
    }

    /** A graph with every layer, so the round trip has something to lose. */
    private static RpcClient populated(String prefix) {
        RpcClient client = freshNamespace(prefix);
        client.call("memory.set_identity", Map.of("body", "User: Matt\nRole: Director"), TIMEOUT);
        client.call("memory.add_fact", fact("vendor policy", "No auto-renew without CFO review").put("kind", "constraint"),
                TIMEOUT);
        client.call("memory.add_fact", fact("deploy target", "prod-eu-1"), TIMEOUT);
        client.call("memory.add_fact", fact("deploy target", "prod-us-2").put("supersedes", "ws-deploy-target"), TIMEOUT);
        client.call("memory.add_turn", Map.of("speaker", "user", "text", "Renew VendorX for one year."), TIMEOUT);
        client.call("memory.set_environment", Map.of("key", "now", "value", "2025-12-21T10:00:00-05:00"), TIMEOUT);
        return client;
    }

    /** Check 15. */
    @Test
    void persistThenLoadIntoAFreshNamespaceReproducesTheGraph() throws Exception {
        RpcClient source = populated("persist");
        String path = "round-" + MemoryConnections.uniqueNamespace("trip") + "/b.json";

        int written = source.call("memory.persist", Map.of("path", path), TIMEOUT).intValue();
        RpcClient target = freshNamespace("loaded");
        int loaded = target.call("memory.load", Map.of("path", path), TIMEOUT).intValue();

        Path file = files().resolve(path);
        assertThat(written).isEqualTo(MemoryConnections.factCount(source)).isEqualTo(2);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(loaded).isEqualTo(written);
        assertThat(MemoryConnections.factCount(target)).isEqualTo(written);
        for (String query : new String[] {"deploy target", "which vendor renews", "Matt"}) {
            assertThat(MemoryConnections.query(target, query)).isEqualTo(MemoryConnections.query(source, query));
            assertThat(MemoryConnections.context(target, query)).isEqualTo(MemoryConnections.context(source, query));
        }
    }

    /** Check 16: every escape is refused, by persist and by load, and nothing outside is touched. */
    @ParameterizedTest(name = "path \"{0}\"")
    @CsvSource(value = {
        "../x | '..' component",
        "a/../b | '..' component",
        "/etc/passwd | outside the sandbox",
        "'' | empty path",
        "dir/ | names a directory"}, delimiter = '|')
    void escapingPathsAreRejected(String path, String reason) {
        RpcClient client = freshNamespace("escape");
        client.call("memory.add_fact", fact("s", "b"), TIMEOUT);

        assertRpcError(() -> client.call("memory.persist", Map.of("path", path), TIMEOUT),
                -32603, "memory.persist rejected path '" + path + "': " + reason);
        assertRpcError(() -> client.call("memory.load", Map.of("path", path), TIMEOUT),
                -32603, "memory.load rejected path '" + path + "': " + reason);

        assertThat(agentd.root().resolve("memory/x")).doesNotExist();
        assertThat(MemoryConnections.factCount(client)).isEqualTo(1);
    }

    @Test
    void anAbsolutePathOutsideTheSandboxIsRejected() {
        RpcClient client = freshNamespace("absolute");
        Path target = outside.resolve("absolute.json");

        assertRpcErrorStartsWith(() -> client.call("memory.persist", Map.of("path", target.toString()), TIMEOUT),
                -32603, "memory.persist rejected path '" + target + "': ");
        assertRpcErrorStartsWith(() -> client.call("memory.load", Map.of("path", target.toString()), TIMEOUT),
                -32603, "memory.load rejected path '" + target + "': ");

        assertThat(target).doesNotExist();
    }

    @Test
    void anAbsolutePathInsideTheSandboxIsAccepted() {
        RpcClient client = freshNamespace("inside");
        client.call("memory.add_fact", fact("s", "b"), TIMEOUT);
        Path target = files().resolve("absolute-inside.json");

        int written = client.call("memory.persist", Map.of("path", target.toString()), TIMEOUT).intValue();

        assertThat(written).isEqualTo(1);
        assertThat(target).isRegularFile();
    }

    @Test
    void aSymlinkInsideTheSandboxPointingOutsideIsRejected() throws Exception {
        RpcClient client = freshNamespace("symlink");
        client.call("memory.add_fact", fact("s", "b"), TIMEOUT);
        Path outsideFile = outside.resolve("target.json");
        Path outsideDir = Files.createDirectories(outside.resolve("dir"));
        Files.createDirectories(files());
        Files.createSymbolicLink(files().resolve("to-missing.json"), outsideFile);
        Files.createSymbolicLink(files().resolve("to-dir"), outsideDir);

        assertRpcErrorStartsWith(() -> client.call("memory.persist", Map.of("path", "to-missing.json"), TIMEOUT),
                -32603, "memory.persist rejected path 'to-missing.json': ");
        assertRpcErrorStartsWith(() -> client.call("memory.persist", Map.of("path", "to-dir/x.json"), TIMEOUT),
                -32603, "memory.persist rejected path 'to-dir/x.json': leads outside the sandbox");
        Files.writeString(outsideFile, "[{\"subject\":\"smuggled\",\"body\":\"from outside\"}]");
        assertRpcErrorStartsWith(() -> client.call("memory.load", Map.of("path", "to-missing.json"), TIMEOUT),
                -32603, "memory.load rejected path 'to-missing.json': leads outside the sandbox");

        assertThat(Files.readString(outsideFile)).contains("smuggled");
        assertThat(outsideDir.resolve("x.json")).doesNotExist();
        assertThat(MemoryConnections.query(client, "smuggled")).isEmpty();
    }

    /** Check 17: failed loads change nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {
        "missing | | memory.load failed: file not found: 'PATH'",
        "invalid JSON | {\"facts\": [ | memory.load failed: ",
        "3rd fact without body | [{\"subject\":\"a\",\"body\":\"1\"},{\"subject\":\"b\",\"body\":\"2\"},{\"subject\":\"c\"}] | memory.load failed: "},
            delimiter = '|')
    void aFailedLoadLeavesTheGraphUnchanged(String name, String content, String expectedPrefix) throws Exception {
        RpcClient client = populated("failed-load");
        String path = MemoryConnections.uniqueNamespace("bad") + ".json";
        if (content != null) {
            Files.createDirectories(files());
            Files.writeString(files().resolve(path), content);
        }
        int count = MemoryConnections.factCount(client);
        JsonNode hits = MemoryConnections.query(client, "deploy target");
        String context = MemoryConnections.context(client, "deploy target");

        assertRpcErrorStartsWith(() -> client.call("memory.load", Map.of("path", path), TIMEOUT),
                -32603, expectedPrefix.replace("PATH", path));

        assertThat(MemoryConnections.factCount(client)).isEqualTo(count);
        assertThat(MemoryConnections.query(client, "deploy target")).isEqualTo(hits);
        assertThat(MemoryConnections.context(client, "deploy target")).isEqualTo(context);
    }

    @Test
    void aFactWithoutBodyIsNamedByItsIndex() throws Exception {
        RpcClient client = freshNamespace("index");
        Files.createDirectories(files());
        Files.writeString(files().resolve("no-body.json"),
                "[{\"subject\":\"a\",\"body\":\"1\"},{\"subject\":\"b\",\"body\":\"2\"},{\"subject\":\"c\"}]");

        Throwable error = catchThrowable(() -> client.call("memory.load", Map.of("path", "no-body.json"), TIMEOUT));

        assertThat(error).isInstanceOfSatisfying(RpcException.class, rpc -> {
            assertThat(rpc.code()).isEqualTo(-32603);
            assertThat(rpc.getMessage()).startsWith("memory.load failed: ").contains("at facts[2]");
        });
    }

    @Test
    void loadingABareArrayReplacesTheWholeGraph() throws Exception {
        RpcClient client = populated("replace");
        Files.createDirectories(files());
        Files.writeString(files().resolve("bare.json"), "[{\"subject\":\"s\",\"body\":\"b\"}]");

        JsonNode loaded = client.call("memory.load", Map.of("path", "bare.json"), TIMEOUT);

        assertThatJson(loaded).isEqualTo("1");
        assertThat(MemoryConnections.context(client, "Matt Renew VendorX s")).isEqualTo("## Facts\n- [ws-s] [usr] s: b");
    }
}
