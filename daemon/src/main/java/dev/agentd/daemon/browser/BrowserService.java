package dev.agentd.daemon.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSettings;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.ChromiumLauncher;
import dev.agentd.browser.RunRequest;
import dev.agentd.browser.Trace;
import dev.agentd.browser.launch.ChromiumResolver;
import dev.agentd.browser.launch.OrphanReaper;
import dev.agentd.daemon.session.ClientSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's browsers (browser specification): one {@link ChromiumLauncher} for the daemon and
 * one {@link BrowserSlot} per connection, created by that connection's first {@code browser.run}.
 *
 * <p>A slot never outlives its connection: the session cleanup (core §5.1 step 6) takes the slot
 * out of the map and kills its browser on {@code closer}, never on the event loop that runs the
 * cleanup; a run that creates a slot after the cleanup began closes it at once. Shutdown (core §15
 * step 6) waits for every close, bounded, then sweeps {@code run/browser/} like the start-up reaper.
 */
public final class BrowserService {
    private static final Logger log = LoggerFactory.getLogger(BrowserService.class);
    /** TERM-to-KILL grace of the reaper at start-up and in the shutdown sweep (browser §10.2). */
    static final Duration REAP_GRACE = Duration.ofSeconds(2);
    /** A second signal skips waits: the sweep kills at once. */
    private static final Duration FORCED_REAP_GRACE = Duration.ofMillis(200);

    private final ChromiumLauncher launcher;
    private final Executor closer;
    private final Map<ClientSession, BrowserSlot> slots = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> closing = ConcurrentHashMap.newKeySet();

    /** @param closer runs the blocking close sequences of disconnected sessions */
    public BrowserService(ChromiumLauncher launcher, Executor closer) {
        this.launcher = launcher;
        this.closer = closer;
    }

    /**
     * The settings of a daemon on {@code root}: the specification's limits, this process's
     * environment, uid and pid. {@code AGENTD_CHROMIUM} follows cli §2.2: surrounding whitespace is
     * trimmed and a blank value counts as unset.
     */
    public static BrowserSettings settings(Path root) {
        return BrowserSettings.defaults(root).withEnvironment(normalized(System.getenv()));
    }

    static Map<String, String> normalized(Map<String, String> environment) {
        Map<String, String> copy = new HashMap<>(environment);
        String chromium = copy.remove(ChromiumResolver.VARIABLE);
        if (chromium != null && !chromium.isBlank()) {
            copy.put(ChromiumResolver.VARIABLE, chromium.strip());
        }
        return copy;
    }

    /**
     * Crash recovery (core §13 step 4, browser §10.2): kills the browsers a previous daemon on this
     * root left running and deletes their profiles and records. A failure is logged, not fatal:
     * start-up fails only for the reasons core §13 lists.
     */
    public static void reapOrphans(BrowserSettings settings) {
        try {
            new OrphanReaper(settings.browserRunDir(), REAP_GRACE).reap();
        } catch (IOException e) {
            log.warn("browser reaper: cannot clean {}: {}", settings.browserRunDir(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("browser reaper interrupted; leftovers are reaped at the next start");
        }
    }

    /** {@code browser.run} (browser §2.1): the params are validated before a slot is created. */
    public Trace run(ClientSession session, JsonNode params) throws InterruptedException {
        RunRequest request = RunRequest.parse(params);
        return slotOf(session).run(request);
    }

    /** {@code browser.close} (browser §2.2): false when this connection never had a browser. */
    public boolean close(ClientSession session) throws InterruptedException {
        BrowserSlot slot = slots.get(session);
        return slot != null && slot.close();
    }

    /**
     * Core §5.1 step 6: kills the connection's browser without waiting for its lock, on the closer.
     * Returns at once; the returned future completes when the close sequence has run.
     */
    public CompletableFuture<Void> release(ClientSession session) {
        BrowserSlot slot = slots.get(session);
        if (slot == null) {
            return CompletableFuture.completedFuture(null);
        }
        // Registered as closing before it leaves the map: shutdown, which reads the map and then the
        // closing set, always finds a slot in one of them.
        CompletableFuture<Void> closed = new CompletableFuture<>();
        closing.add(closed);
        closed.whenComplete((ignored, error) -> closing.remove(closed));
        if (!slots.remove(session, slot)) {
            closed.complete(null); // another release took it
            return closed;
        }
        try {
            closer.execute(() -> closeNow(slot, closed));
        } catch (RejectedExecutionException e) {
            closeNow(slot, closed); // the daemon is past its shutdown: no event loop is left to block
        }
        return closed;
    }

    private static void closeNow(BrowserSlot slot, CompletableFuture<Void> closed) {
        try {
            slot.closeNow();
        } catch (RuntimeException e) {
            log.warn("closing a browser failed: {}", e.toString());
        } finally {
            closed.complete(null);
        }
    }

    /**
     * Core §15 step 6: closes every remaining slot in parallel and waits for all closes, including
     * those the session cleanups started, up to {@code bound}; then kills whatever tree is still
     * alive and deletes every profile and record under {@code run/browser/}.
     *
     * @param forced a second signal arrived: no waiting, the sweep kills at once
     */
    public void shutdown(Duration bound, boolean forced) {
        List.copyOf(slots.keySet()).forEach(this::release);
        if (!forced) {
            awaitCloses(bound);
        }
        try {
            new OrphanReaper(launcher.settings().browserRunDir(), forced ? FORCED_REAP_GRACE : REAP_GRACE).reap();
        } catch (IOException e) {
            log.warn("shutdown: cannot sweep {}: {}", launcher.settings().browserRunDir(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BrowserSlot slotOf(ClientSession session) {
        BrowserSlot slot = slots.computeIfAbsent(session, ignored -> new BrowserSlot(launcher));
        if (session.closing()) {
            // The cleanup may have run before this slot existed. Either it took the slot out of the
            // map (and closes it), or this removal does: closed, the slot refuses to launch.
            slots.remove(session, slot);
            slot.closeNow();
        }
        return slot;
    }

    private void awaitCloses(Duration bound) {
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("shutdown: browsers still closing after {} ms; killing what is left", bound.toMillis());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a close future never fails", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
