package dev.agentd.browser.launch;

import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash recovery at daemon start (browser §10.2, last row) on fake process trees. */
class OrphanReaperTest {
    @TempDir
    Path dir;

    @Test
    void killsRecordedTreesAndDeletesRecordsAndProfiles() throws Exception {
        BrowserRunDirectory run = new BrowserRunDirectory(dir.resolve("run/browser"));
        Path orphanProfile = run.createProfile();
        Process orphan = FakeTrees.spawn(dir, orphanProfile);
        List<ProcessHandle> orphanTree = ProcessTrees.snapshot(orphan.toHandle());
        run.writeRecord(new BrowserRecord(orphan.pid(), orphanProfile.toString(), "2024-01-01T00:00:00Z", 4242));

        Path deadProfile = run.createProfile();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        run.writeRecord(new BrowserRecord(dead.pid(), deadProfile.toString(), "2024-01-01T00:00:00Z", 4242));

        Path strayProfile = run.createProfile();
        Files.writeString(run.path().resolve("garbage.json"), "{not json");

        OrphanReaper.Result result = new OrphanReaper(run.path(), Duration.ofSeconds(2)).reap();

        assertThat(result).isEqualTo(new OrphanReaper.Result(1, 3, 1));
        assertThat(orphanTree).noneMatch(ProcessTrees::isRunning);
        assertThat(processesMentioning(orphanProfile.toString())).isEmpty();
        assertThat(run.path()).isEmptyDirectory();
        assertThat(strayProfile).doesNotExist();
    }

    @Test
    void aReusedPidWhoseCommandLineDoesNotNameTheProfileIsSpared() throws Exception {
        BrowserRunDirectory run = new BrowserRunDirectory(dir.resolve("run/browser"));
        Path profile = run.createProfile();
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        try {
            run.writeRecord(new BrowserRecord(unrelated.pid(), profile.toString(), "2024-01-01T00:00:00Z", 4242));
            OrphanReaper.Result result = new OrphanReaper(run.path(), Duration.ofSeconds(2)).reap();
            assertThat(result.killedTrees()).isZero();
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(run.path()).isEmptyDirectory();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aRecordNamingAProfileElsewhereDoesNotDeleteIt() throws Exception {
        BrowserRunDirectory run = new BrowserRunDirectory(dir.resolve("run/browser"));
        Path elsewhere = Files.createDirectories(dir.resolve("important"));
        Files.createDirectories(run.path());
        run.writeRecord(new BrowserRecord(Long.MAX_VALUE - 1, elsewhere.toString(), "2024-01-01T00:00:00Z", 4242));
        new OrphanReaper(run.path(), Duration.ofSeconds(2)).reap();
        assertThat(elsewhere).exists();
        assertThat(run.path()).isEmptyDirectory();
    }

    @Test
    void aMissingDirectoryIsNothingToDo() throws Exception {
        assertThat(new OrphanReaper(dir.resolve("absent"), Duration.ofSeconds(1)).reap())
                .isEqualTo(new OrphanReaper.Result(0, 0, 0));
    }
}
