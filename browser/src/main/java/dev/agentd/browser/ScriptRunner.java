package dev.agentd.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.BrowserLostException;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpTimeoutException;
import dev.agentd.browser.page.ClickOp;
import dev.agentd.browser.page.Dialog;
import dev.agentd.browser.page.ElementMap;
import dev.agentd.browser.page.ErrorKind;
import dev.agentd.browser.page.ExtractOp;
import dev.agentd.browser.page.KeypressOp;
import dev.agentd.browser.page.NavigateOp;
import dev.agentd.browser.page.ObserveOp;
import dev.agentd.browser.page.Page;
import dev.agentd.browser.page.ScreenshotOp;
import dev.agentd.browser.page.ScrollOp;
import dev.agentd.browser.page.SetCookiesOp;
import dev.agentd.browser.page.StepFailure;
import dev.agentd.browser.page.TypeOp;
import dev.agentd.browser.page.WaitOp;
import dev.agentd.browser.script.Script;
import dev.agentd.browser.script.Step;
import dev.agentd.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script's steps in order on one session and builds the trace (browser §7, §8).
 *
 * <p>A failed step is a result, not an error: it is recorded and, with {@code stop_on_error},
 * the rest is skipped. A CDP timeout fails the step with {@code timeout} and keeps the browser.
 * Losing the browser ends the run: the interrupted step is marked {@code internal} and the
 * partial trace travels in {@link BrowserSessionLostException}.
 */
final class ScriptRunner {
    private final BrowserSession session;
    private final Page page;
    private final Script script;
    private final boolean launched;
    private final List<String> warnings;
    private final long startNanos;
    private final List<TraceStep> executed = new ArrayList<>();

    /**
     * @param launched   whether this call started the browser
     * @param warnings   warnings collected before the steps ran
     * @param startNanos when the call started (lock wait and launch count toward its duration)
     */
    ScriptRunner(BrowserSession session, Script script, boolean launched, List<String> warnings, long startNanos) {
        this.session = session;
        this.page = session.page();
        this.script = script;
        this.launched = launched;
        this.warnings = List.copyOf(warnings);
        this.startNanos = startNanos;
    }

    Trace run() throws InterruptedException {
        Integer failedStep = null;
        String urlBeforeStep = page.state().url();
        page.dialogs().drain();
        for (int index = 0; index < script.steps().size(); index++) {
            TraceStep entry = runStep(index, script.steps().get(index), urlBeforeStep);
            executed.add(entry);
            urlBeforeStep = page.state().url();
            if (!entry.ok() && failedStep == null) {
                failedStep = index;
            }
            if (!entry.ok() && script.stopOnError()) {
                break;
            }
        }
        return trace(failedStep, script.steps().size() - executed.size(), finalInfo());
    }

    private TraceStep runStep(int index, Step step, String urlBeforeStep) throws InterruptedException {
        long stepStart = System.nanoTime();
        try {
            ObjectNode result = execute(step, script.timeoutMsOf(step), urlBeforeStep);
            return new TraceStep(index, step.op(), true, millisSince(stepStart), null, withDialogs(result));
        } catch (StepFailure failure) {
            return failed(index, step, stepStart, failure.kind(), failure.getMessage(), failure.partialResult());
        } catch (CdpTimeoutException e) {
            return failed(index, step, stepStart, ErrorKind.TIMEOUT, e.getMessage(), null);
        } catch (CdpException e) {
            return failed(index, step, stepStart, ErrorKind.INTERNAL, e.getMessage(), null);
        } catch (BrowserLostException e) {
            String cause = lostCause(e);
            executed.add(failed(index, step, stepStart, ErrorKind.INTERNAL, BrowserSessionLostException.PREFIX + cause, null));
            throw new BrowserSessionLostException(cause,
                    trace(index, script.steps().size() - executed.size(), page.lastKnownInfo()));
        }
    }

    private ObjectNode execute(Step step, int timeoutMs, String urlBeforeStep) throws StepFailure, InterruptedException {
        if (step instanceof Step.Navigate navigate) {
            return NavigateOp.run(page, navigate, timeoutMs);
        } else if (step instanceof Step.Observe observe) {
            return ObserveOp.run(page, observe);
        } else if (step instanceof Step.Click click) {
            return ClickOp.run(page, click, timeoutMs);
        } else if (step instanceof Step.Type type) {
            return TypeOp.run(page, type, timeoutMs);
        } else if (step instanceof Step.Keypress keypress) {
            return KeypressOp.run(page, keypress, timeoutMs);
        } else if (step instanceof Step.Scroll scroll) {
            return ScrollOp.run(page, scroll);
        } else if (step instanceof Step.Wait wait) {
            return WaitOp.run(page, wait, timeoutMs, urlBeforeStep);
        } else if (step instanceof Step.Screenshot screenshot) {
            return ScreenshotOp.run(page, screenshot);
        } else if (step instanceof Step.Extract extract) {
            return ExtractOp.run(page, extract);
        } else if (step instanceof Step.SetCookies cookies) {
            return SetCookiesOp.run(page, cookies);
        }
        throw new StepFailure(ErrorKind.UNSUPPORTED, "unsupported op: " + step.op());
    }

    private TraceStep failed(int index, Step step, long stepStart, ErrorKind kind, String message, ObjectNode partial) {
        ObjectNode result = withDialogs(partial);
        return new TraceStep(index, step.op(), false, millisSince(stepStart), new StepError(kind, message), result);
    }

    /** Dialogs answered during the step go into its result (browser §7.3, last paragraph). */
    private ObjectNode withDialogs(ObjectNode result) {
        List<Dialog> dialogs = page.dialogs().drain();
        if (dialogs.isEmpty()) {
            return result;
        }
        ObjectNode withDialogs = result != null ? result : Json.mapper().createObjectNode();
        withDialogs.set("dialogs", Json.mapper().valueToTree(dialogs));
        return withDialogs;
    }

    private Page.PageInfo finalInfo() throws InterruptedException {
        try {
            return page.info();
        } catch (CdpTimeoutException | CdpException e) {
            return page.lastKnownInfo();
        } catch (BrowserLostException e) {
            throw new BrowserSessionLostException(lostCause(e), trace(null, 0, page.lastKnownInfo()));
        }
    }

    private String lostCause(BrowserLostException e) {
        String cause = session.lostCause();
        return cause != null ? cause : e.getMessage();
    }

    private Trace trace(Integer failedStep, int skipped, Page.PageInfo info) {
        boolean ok = executed.stream().allMatch(TraceStep::ok);
        ElementMap map = page.maps().current();
        LaunchOptions options = session.options();
        SessionInfo sessionInfo = new SessionInfo(launched, options.headed(), page.viewport().width(),
                page.viewport().height(), session.browserVersion(), session.pid());
        return new Trace(ok, executed, ok ? null : failedStep, skipped, info.url(), info.title(),
                map == null ? null : map.mapId(), sessionInfo, warnings, millisSince(startNanos));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
