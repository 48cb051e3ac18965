package dev.agentd.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path tmp;

    @Test
    void secondAcquireInTheSameJvmSeesTheLockHeldAndTheOwnerPid() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        try (InstanceLock first = InstanceLock.tryAcquire(file).orElseThrow()) {
            first.writeOwnerPid(4242);
            assertThat(InstanceLock.tryAcquire(file)).isEmpty();
            assertThat(InstanceLock.readOwnerPid(file)).isEqualTo("4242");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        Optional<InstanceLock> again = InstanceLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
        assertThat(file).as("the lock file is never deleted").exists();
    }

    @Test
    void ownerPidReplacesLongerOldContent() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        Files.writeString(file, "123456789\n");
        try (InstanceLock lock = InstanceLock.tryAcquire(file).orElseThrow()) {
            lock.writeOwnerPid(7);
        }
        assertThat(Files.readString(file)).isEqualTo("7\n");
    }
}
