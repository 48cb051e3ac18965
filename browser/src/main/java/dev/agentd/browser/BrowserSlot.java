package dev.agentd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.cdp.BrowserLostException;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpTimeoutException;
import dev.agentd.browser.page.ElementMaps;
import dev.agentd.browser.page.Viewport;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's browser slot (browser §3): at most one Chromium, launched by the first
 * {@code browser.run}, kept between calls, closed with the connection.
 *
 * <p>A fair lock serialises {@code run} and {@code close} in arrival order. {@link #closeNow()}
 * (disconnect, shutdown) does not take the lock: it kills the browser at once and the run in
 * flight fails with {@code browser session lost: closed}; the slot then refuses to launch again,
 * so no browser outlives its connection.
 *
 * <p>Usage by the daemon: one slot per {@code ClientSession}; {@code browser.run} calls
 * {@link #run(JsonNode)}, {@code browser.close} calls {@link #close()}, session cleanup and
 * shutdown call {@link #closeNow()}. Exceptions are {@code RpcException}s carrying the wire error.
 */
public final class BrowserSlot {
    private final ChromiumLauncher launcher;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicInteger mapCounter = new AtomicInteger();
    private volatile BrowserSession session;
    private volatile boolean shut;

    public BrowserSlot(ChromiumLauncher launcher) {
        this.launcher = launcher;
    }

    /** Validates {@code params} (-32602 before anything else happens), then runs them. */
    public Trace run(JsonNode params) throws InterruptedException {
        return run(RunRequest.parse(params));
    }

    /**
     * Runs one {@code browser.run} (browser §2.1 steps 2–5).
     *
     * @throws BrowserLaunchException       -32603, the slot stays empty
     * @throws BrowserSessionLostException  -32603 with the partial trace, the slot is empty again
     * @throws InterruptedException         the handler deadline passed; the browser is kept
     */
    public Trace run(RunRequest request) throws InterruptedException {
        long start = System.nanoTime();
        lock.lockInterruptibly();
        try {
            requireOpen();
            List<String> warnings = new ArrayList<>();
            dropLostSession(warnings);
            boolean launched = session == null;
            if (launched) {
                session = launch(request.launchOptions());
            } else {
                warnAboutLaunchOnlyParams(request, session.options(), warnings);
            }
            BrowserSession current = session;
            try {
                resizeIfAsked(request, current, warnings);
                return new ScriptRunner(current, request.script(), launched, warnings, start).run();
            } catch (BrowserSessionLostException e) {
                closeSession(current);
                throw e;
            } finally {
                current.rememberTree();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code browser.close} (browser §2.2): waits for a run in flight, then closes.
     *
     * @return true when a browser existed and has been shut down, false when the slot was empty
     */
    public boolean close() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            BrowserSession current = session;
            if (current == null) {
                return false;
            }
            closeSession(current);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Disconnect and shutdown (browser §3.3, §10.2): kills the browser without waiting for the
     * lock and refuses every later run. Idempotent; returns once the close sequence is done.
     */
    public void closeNow() {
        shut = true;
        BrowserSession current = session;
        if (current != null) {
            current.close();
        }
    }

    /** The running browser's main pid, if any (for diagnostics and tests). */
    public OptionalLong pid() {
        BrowserSession current = session;
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.pid());
    }

    private void requireOpen() {
        if (shut) {
            throw new BrowserSessionLostException("closed", null);
        }
    }

    private BrowserSession launch(LaunchOptions options) throws InterruptedException {
        BrowserSession launched = launcher.launch(options, new ElementMaps(mapCounter));
        if (shut) {
            launched.close();
            throw new BrowserSessionLostException("closed", null);
        }
        return launched;
    }

    /** A browser that died between calls: make sure it is cleaned, and say so in this trace (§3.2). */
    private void dropLostSession(List<String> warnings) {
        BrowserSession current = session;
        if (current != null && current.isLost()) {
            warnings.add("previous browser exited unexpectedly (" + current.lostCause() + ")");
            closeSession(current);
        }
    }

    private void closeSession(BrowserSession current) {
        current.close();
        if (session == current) {
            session = null;
        }
    }

    /** {@code headed} and {@code extra_args} only apply at launch (§3.4). */
    private static void warnAboutLaunchOnlyParams(RunRequest request, LaunchOptions running, List<String> warnings) {
        if (request.headed() != null && request.headed() != running.headed()) {
            warnings.add("headed ignored: browser already running " + (running.headed() ? "headed" : "headless"));
        }
        if (request.extraArgs() != null && !request.extraArgs().equals(running.extraArgs())) {
            warnings.add("extra_args ignored: browser already running with " + running.extraArgs());
        }
    }

    /** Explicit width/height that differ from the viewport are applied (§2.1 step 4). */
    private void resizeIfAsked(RunRequest request, BrowserSession current, List<String> warnings)
            throws InterruptedException {
        Viewport viewport = current.page().viewport();
        Viewport wanted = new Viewport(request.width() != null ? request.width() : viewport.width(),
                request.height() != null ? request.height() : viewport.height());
        if (wanted.equals(viewport)) {
            return;
        }
        try {
            current.page().resize(wanted);
        } catch (CdpException | CdpTimeoutException e) {
            warnings.add("resize to " + wanted.width() + "x" + wanted.height() + " failed: " + e.getMessage());
        } catch (BrowserLostException e) {
            throw new BrowserSessionLostException(current.lostCause() != null ? current.lostCause() : e.getMessage(), null);
        }
    }
}
