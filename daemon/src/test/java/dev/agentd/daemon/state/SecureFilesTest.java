package dev.agentd.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
    @TempDir
    Path tmp;

    @Test
    void createsMissingDirectoriesWithMode0700() throws Exception {
        Path nested = tmp.resolve("a/b/c");
        SecureFiles.createDirectories(nested);
        for (Path dir : new Path[] {tmp.resolve("a"), tmp.resolve("a/b"), nested}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        }
    }

    @Test
    void tightensAnExistingLooseDirectory() throws Exception {
        Path loose = Files.createDirectory(tmp.resolve("loose"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxr-xr-x"));
        SecureFiles.createDirectories(loose);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose))).isEqualTo("rwx------");
    }

    @Test
    void atomicWriteReplacesContentWithMode0600AndLeavesNoTemporaryFile() throws Exception {
        Path target = tmp.resolve("auth-token");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        SecureFiles.writeAtomically(target, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(tmp.resolve("auth-token.tmp")).doesNotExist();
    }

    @Test
    void atomicWriteRecoversFromAStaleTemporaryFile() throws Exception {
        Path target = tmp.resolve("daemon.json");
        Files.writeString(tmp.resolve("daemon.json.tmp"), "half-written by a crashed daemon");
        SecureFiles.writeAtomically(target, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("{}");
        assertThat(tmp.resolve("daemon.json.tmp")).doesNotExist();
    }
}
