package dev.agentd.browser.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery at daemon start (browser §10.2): for each {@code <pid>.json} record whose pid is
 * alive and whose command line still contains the recorded profile, the tree is terminated
 * (TERM, grace, KILL); then profile and record are deleted. Profiles without a record go too.
 * The command-line check keeps a reused pid from being killed.
 */
public final class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

    private final BrowserRunDirectory directory;
    private final Duration grace;

    public OrphanReaper(Path browserRunDir, Duration grace) {
        this.directory = new BrowserRunDirectory(browserRunDir);
        this.grace = grace;
    }

    /** What one pass removed. */
    public record Result(int killedTrees, int removedRecords, int removedProfiles) {}

    /** Runs one pass; call it before the daemon reports {@code listening}. */
    public Result reap() throws IOException, InterruptedException {
        int killed = 0;
        int records = 0;
        for (Path recordFile : directory.records()) {
            Optional<BrowserRecord> record = read(recordFile);
            if (record.isPresent()) {
                killed += killIfOurs(record.get()) ? 1 : 0;
                deleteProfile(record.get().profileDir());
            }
            Files.deleteIfExists(recordFile);
            records++;
        }
        int profiles = 0;
        for (Path profile : directory.profiles()) {
            BrowserRunDirectory.deleteRecursively(profile);
            profiles++;
        }
        Result result = new Result(killed, records, profiles);
        LOG.info("browser reaper: killed {} orphan browser tree(s), removed {} record(s) and {} stray profile(s)",
                killed, records, profiles);
        return result;
    }

    /** Only a {@code profile-*} directory inside our own run directory is ever deleted. */
    private void deleteProfile(String recorded) throws IOException {
        Path profile = Path.of(recorded).toAbsolutePath().normalize();
        boolean ours = directory.path().toAbsolutePath().normalize().equals(profile.getParent())
                && profile.getFileName().toString().startsWith(BrowserRunDirectory.PROFILE_PREFIX);
        if (ours) {
            BrowserRunDirectory.deleteRecursively(profile);
        } else {
            LOG.warn("browser record names a profile outside {}: {}; not deleted", directory.path(), recorded);
        }
    }

    private boolean killIfOurs(BrowserRecord record) throws InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid()).filter(ProcessTrees::isRunning);
        if (process.isEmpty() || !ProcessTrees.commandLine(process.get()).contains(record.profileDir())) {
            return false;
        }
        ProcessTrees.terminate(ProcessTrees.snapshot(process.get()), grace);
        return true;
    }

    private static Optional<BrowserRecord> read(Path recordFile) {
        try {
            JsonNode node = Json.mapper().readTree(recordFile.toFile());
            return Optional.of(Json.mapper().treeToValue(node, BrowserRecord.class));
        } catch (IOException e) {
            LOG.warn("unreadable browser record {}: {}", recordFile, e.getMessage());
            return Optional.empty();
        }
    }
}
