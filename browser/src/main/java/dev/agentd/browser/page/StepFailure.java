package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A step failed (browser §8.2). This is not a JSON-RPC error: the trace reports it with
 * {@code ok:false}, optionally with a partial result (e.g. the URL after a navigation timeout).
 */
public final class StepFailure extends Exception {
    private final ErrorKind kind;
    private final transient ObjectNode partialResult;

    public StepFailure(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public StepFailure(ErrorKind kind, String message, ObjectNode partialResult) {
        super(message, null, false, false);
        this.kind = kind;
        this.partialResult = partialResult;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The partial result, or null. */
    public ObjectNode partialResult() {
        return partialResult;
    }
}
