package dev.agentd.browser;

import dev.agentd.browser.cdp.CdpClient;
import dev.agentd.browser.launch.ChromiumProcess;
import dev.agentd.browser.launch.CloseSequence;
import dev.agentd.browser.launch.LiveBrowsers;
import dev.agentd.browser.launch.ProcessTrees;
import dev.agentd.browser.page.Dialogs;
import dev.agentd.browser.page.ElementMaps;
import dev.agentd.browser.page.Page;
import dev.agentd.browser.page.PageState;
import dev.agentd.browser.page.Viewport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One running Chromium with its attached page: process tree, profile, record, CDP connection.
 *
 * <p>It watches for loss (process exit, socket close, page crash or detach; browser §9). The
 * first cause wins; every wait ends at once, and the session cleans itself up in the background,
 * so a browser that dies between calls leaves nothing behind. {@link #close()} runs the close
 * sequence (§10.1) exactly once; callers racing it wait for it to finish.
 */
public final class BrowserSession {
    private final ChromiumProcess process;
    private final CdpClient cdp;
    private final Path profile;
    private final Path record;
    private final LiveBrowsers.Registration registration;
    private final LaunchOptions options;
    private final Duration closeTimeout;
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    private final Set<ProcessHandle> knownTree = ConcurrentHashMap.newKeySet();
    private String browserVersion = "";
    private Page page;
    private boolean closed;

    private BrowserSession(ChromiumProcess process, CdpClient cdp, Path profile, Path record,
            LiveBrowsers.Registration registration, LaunchOptions options, Duration closeTimeout) {
        this.process = process;
        this.cdp = cdp;
        this.profile = profile;
        this.record = record;
        this.registration = registration;
        this.options = options;
        this.closeTimeout = closeTimeout;
    }

    /** Runs the set-up sequence (§5.3) on a connected browser; throws a launch failure if it fails. */
    static BrowserSession open(ChromiumProcess process, CdpClient cdp, Path profile, Path record,
            LiveBrowsers.Registration registration, LaunchOptions options, ElementMaps maps, Duration closeTimeout)
            throws InterruptedException {
        BrowserSession session = new BrowserSession(process, cdp, profile, record, registration, options, closeTimeout);
        session.setUp(maps);
        return session;
    }

    private void setUp(ElementMaps maps) throws InterruptedException {
        DevToolsSetup setup = new DevToolsSetup(cdp);
        browserVersion = setup.browserVersion();
        DevToolsSetup.PageTarget target = setup.pageTarget();
        String sessionId = setup.attach(target);
        PageState state = new PageState(target.targetId(), target.url(), maps::invalidate);
        state.listen(cdp, sessionId);
        Dialogs dialogs = new Dialogs();
        dialogs.listen(cdp, sessionId);
        Viewport viewport = new Viewport(options.width(), options.height());
        page = new Page(cdp, sessionId, target.targetId(), state, maps, dialogs, viewport);
        watchForLoss(sessionId);
        setup.enableDomains(sessionId, viewport);
        rememberTree();
    }

    /**
     * Records the current process tree. Chromium starts helpers as it goes; if the main process
     * dies on its own, the helpers are re-parented and only this record still finds them.
     */
    public void rememberTree() {
        ProcessHandle main = process.handle();
        if (main.isAlive()) {
            knownTree.addAll(ProcessTrees.snapshot(main));
        }
        knownTree.removeIf(member -> !member.isAlive());
    }

    private void watchForLoss(String sessionId) {
        cdp.lost().thenAccept(this::markLost);
        process.exitCode().thenAccept(code -> markLost("chromium exited with code " + code));
        cdp.onEvent(sessionId, "Inspector.targetCrashed", params -> markLost("page crashed"));
        cdp.onEvent(sessionId, "Inspector.detached", params ->
                markLost("page detached (" + params.path("reason").asText("unknown") + ")"));
        cdp.onEvent(null, "Target.detachedFromTarget", params -> {
            if (sessionId.equals(params.path("sessionId").asText())) {
                markLost("page detached");
            }
        });
    }

    private void markLost(String cause) {
        if (lost.complete(cause) && page != null) {
            page.state().markLost(cause);
            if (!cause.equals("closed")) {
                // the close sequence blocks for up to seconds: not on a CDP or pool thread
                Thread cleanup = new Thread(this::close, "browser-cleanup-" + process.pid());
                cleanup.setDaemon(true);
                cleanup.start();
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public String browserVersion() {
        return browserVersion;
    }

    public LaunchOptions options() {
        return options;
    }

    public Page page() {
        return page;
    }

    public Path profile() {
        return profile;
    }

    public boolean isLost() {
        return lost.isDone();
    }

    /** The first cause of loss, or null while the browser is fine. */
    public String lostCause() {
        return lost.getNow(null);
    }

    /** Completes with the cause when the browser is lost or closed. */
    public CompletableFuture<String> lost() {
        return lost;
    }

    /**
     * Runs the close sequence once; a run in flight ends with cause {@code closed} (unless the
     * browser was already lost for another reason). Idempotent and safe from any thread.
     */
    public void close() {
        markLost("closed");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            CloseSequence.run(process.handle(), knownTree, cdp, profile, record, closeTimeout);
            registration.close();
        }
    }
}
