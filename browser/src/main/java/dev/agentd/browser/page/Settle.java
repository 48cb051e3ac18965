package dev.agentd.browser.page;

import java.time.Duration;

/**
 * The settle rule of browser §7.3 for click, keypress and type+submit: after the input, watch up
 * to {@code settle_ms} for a main-frame navigation to start; if one does, wait for the page to
 * load (bounded by the step's timeout). {@code navigated} means a new document was committed, so a
 * same-document jump (a fragment, {@code pushState}) reports false.
 */
final class Settle {
    private final PageState state;
    private final long navigationStartsBefore;
    private final long commitsBefore;

    private Settle(PageState state) {
        this.state = state;
        this.navigationStartsBefore = state.navigationStarts();
        this.commitsBefore = state.documentCommits();
    }

    /** Call just before dispatching the input. */
    static Settle before(PageState state) {
        return new Settle(state);
    }

    /** @return whether the input caused a cross-document navigation */
    boolean await(int settleMs, int timeoutMs) throws StepFailure, InterruptedException {
        boolean started = state.awaitUntil(() -> state.navigationStarts() > navigationStartsBefore,
                Duration.ofMillis(settleMs));
        if (!started) {
            return false;
        }
        if (!state.awaitUntil(state::loaded, Duration.ofMillis(timeoutMs))) {
            throw new StepFailure(ErrorKind.TIMEOUT, "page did not finish loading within " + timeoutMs + " ms",
                    Results.withUrl(state.url()).put("navigated", state.documentCommits() > commitsBefore));
        }
        return state.documentCommits() > commitsBefore;
    }
}
