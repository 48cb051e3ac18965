package dev.agentd.memgine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.memgine.MemoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Check 16: the path sandbox of §8.1 rejects every escape and creates or reads nothing outside. */
class FileSandboxTest {
    @TempDir
    Path root;

    private Path base;
    private FileSandbox sandbox;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("memory/files");
        Files.createDirectories(base);
        Files.writeString(root.resolve("outside.json"), "secret");
        Files.createDirectories(root.resolve("outside-dir"));
        Files.createSymbolicLink(base.resolve("link.json"), root.resolve("outside.json"));
        Files.createSymbolicLink(base.resolve("linkdir"), root.resolve("outside-dir"));
        Files.createSymbolicLink(base.resolve("dangling.json"), root.resolve("nowhere.json"));
        Files.createDirectories(base.resolve("existing-dir"));
        sandbox = new FileSandbox(base);
    }

    @ParameterizedTest
    @EnumSource(FileSandbox.Operation.class)
    void escapesAreRejected(FileSandbox.Operation operation) throws Exception {
        String method = operation == FileSandbox.Operation.PERSIST ? "memory.persist" : "memory.load";
        List<String[]> cases = List.of(
                new String[] {"../x", "'..' component"},
                new String[] {"a/../b", "'..' component"},
                new String[] {"/etc/passwd", "outside the sandbox"},
                new String[] {"", "empty path"},
                new String[] {"nul\0byte", "NUL character"},
                new String[] {"dir/", "names a directory"},
                new String[] {"existing-dir", "names a directory"},
                new String[] {base.toString(), "names a directory"},
                new String[] {root.resolve("outside.json").toString(), "outside the sandbox"},
                new String[] {"link.json", "leads outside the sandbox"},
                new String[] {"linkdir/new.json", "leads outside the sandbox"},
                new String[] {"dangling.json", "dangling symlink"});
        List<Path> before = listing();

        for (String[] rejected : cases) {
            assertThatThrownBy(() -> sandbox.resolve(rejected[0], operation)).as(rejected[0])
                    .isInstanceOfSatisfying(MemoryException.class,
                            e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.RUNTIME))
                    .hasMessage(method + " rejected path '" + rejected[0] + "': " + rejected[1]);
        }
        assertThat(listing()).isEqualTo(before);
        assertThat(Files.readString(root.resolve("outside.json"))).isEqualTo("secret");
    }

    @Test
    void persistCreatesParentsInsideTheBaseAndLoadDoesNot() throws Exception {
        Path forLoad = sandbox.resolve("x/y/z.json", FileSandbox.Operation.LOAD);
        assertThat(forLoad.getParent()).doesNotExist();

        Path forPersist = sandbox.resolve("x/y/z.json", FileSandbox.Operation.PERSIST);

        assertThat(forPersist).isEqualTo(base.toRealPath().resolve("x/y/z.json"));
        assertThat(forPersist.getParent()).isDirectory();
        assertThat(Files.getPosixFilePermissions(forPersist.getParent()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(sandbox.resolve(base.resolve("x/y/z.json").toString(), FileSandbox.Operation.LOAD))
                .as("an absolute path inside the base").isEqualTo(forPersist);
    }

    @Test
    void baseIsCreatedOnDemand() {
        FileSandbox fresh = new FileSandbox(root.resolve("other/memory/files"));
        assertThat(fresh.resolve("f.json", FileSandbox.Operation.LOAD).getParent()).isDirectory();
    }

    private List<Path> listing() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().toList();
        }
    }
}
