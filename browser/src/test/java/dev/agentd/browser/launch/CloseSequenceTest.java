package dev.agentd.browser.launch;

import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The close sequence of browser §10.1 on fake process trees. */
class CloseSequenceTest {
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void killsTheWholeTreeAndDeletesProfileAndRecord() throws Exception {
        BrowserRunDirectory run = new BrowserRunDirectory(dir.resolve("run/browser"));
        Path profile = run.createProfile();
        Files.writeString(Files.createDirectories(profile.resolve("Default")).resolve("Cookies"), "x");
        Process process = FakeTrees.spawn(dir, profile);
        List<ProcessHandle> tree = ProcessTrees.snapshot(process.toHandle());
        Path record = run.writeRecord(new BrowserRecord(process.pid(), profile.toString(), "now", 1));

        CloseSequence.run(process.toHandle(), List.of(), null, profile, record, WAIT);

        assertThat(tree).hasSize(5).noneMatch(ProcessTrees::isRunning);
        assertThat(profile).doesNotExist();
        assertThat(record).doesNotExist();
        assertThat(run.path()).isEmptyDirectory();
    }

    @Test
    void aKnownTreeStillFindsChildrenAfterTheMainProcessDied() throws Exception {
        Path profile = Files.createDirectories(dir.resolve("profile-0000000000000001"));
        Process process = FakeTrees.spawn(dir, profile);
        List<ProcessHandle> tree = ProcessTrees.snapshot(process.toHandle());
        process.toHandle().destroyForcibly();
        process.waitFor();

        CloseSequence.run(process.toHandle(), tree, null, profile, null, WAIT);

        assertThat(tree).noneMatch(ProcessTrees::isRunning);
        assertThat(processesMentioning(profile.toString())).isEmpty();
    }

    @Test
    void processesNamingTheProfileAreKilledEvenWithoutASnapshot() throws Exception {
        Path profile = Files.createDirectories(dir.resolve("profile-0000000000000002"));
        Process process = FakeTrees.spawn(dir, profile);
        process.toHandle().destroyForcibly();
        process.waitFor();
        assertThat(processesMentioning(profile.toString())).isNotEmpty();

        CloseSequence.run(process.toHandle(), List.of(), null, profile, null, WAIT);

        assertThat(processesMentioning(profile.toString())).isEmpty();
    }

    @Test
    void deletionNeverFollowsSymbolicLinks() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path profile = Files.createDirectories(dir.resolve("profile-0000000000000003"));
        Files.createSymbolicLink(profile.resolve("link-to-dir"), outside);
        Files.createSymbolicLink(profile.resolve("link-to-file"), precious);

        CloseSequence.run(null, List.of(), null, profile, null, WAIT);

        assertThat(profile).doesNotExist();
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void isIdempotentOnMissingParts() {
        CloseSequence.run(null, List.of(), null, dir.resolve("never-created"), dir.resolve("1.json"), WAIT);
        assertThat(dir).isEmptyDirectory();
    }
}
