package dev.agentd.browser.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effective uid is the second field of the {@code Uid:} line (browser §4.2). */
class EffectiveUidTest {
    @Test
    void readsTheSecondUidField(@TempDir Path dir) throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nUmask:\t0022\nUid:\t1000\t0\t1000\t1000\nGid:\t0\t0\t0\t0\n");
        assertThat(EffectiveUid.read(status)).isZero();
        Files.writeString(status, "Uid:\t0\t1000\t0\t0\n");
        assertThat(EffectiveUid.read(status)).isEqualTo(1000);
    }

    @Test
    void unreadableStatusIsUnknown(@TempDir Path dir) throws IOException {
        assertThat(EffectiveUid.read(dir.resolve("missing"))).isEqualTo(EffectiveUid.UNKNOWN);
        assertThat(EffectiveUid.read(Files.writeString(dir.resolve("odd"), "Uid:\tx\n"))).isEqualTo(EffectiveUid.UNKNOWN);
    }

    @Test
    void currentProcessMatchesProc() throws IOException {
        assertThat(EffectiveUid.current()).isEqualTo(EffectiveUid.read(Path.of("/proc/self/status")));
    }
}
