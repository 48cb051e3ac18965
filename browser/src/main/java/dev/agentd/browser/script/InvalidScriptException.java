package dev.agentd.browser.script;

import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;

/**
 * A {@code browser.run} request failed validation (browser §7.5): -32602
 * {@code invalid params: <json-path>: <problem>}, the path rooted at {@code params}.
 */
public final class InvalidScriptException extends RpcException {
    private final String path;
    private final String problem;

    public InvalidScriptException(String path, String problem) {
        super(ErrorCodes.INVALID_PARAMS, "invalid params: " + path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
