package dev.agentd.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.session.ClientSession;
import java.util.ArrayList;
import java.util.List;

/** One invocation of a method handler: who called, with which params. */
public final class RpcCall {
    private final ClientSession session;
    private final String method;
    private final JsonNode params;
    private final List<Runnable> afterReply = new ArrayList<>();

    public RpcCall(ClientSession session, String method, JsonNode params) {
        this.session = session;
        this.method = method;
        this.params = params;
    }

    public ClientSession session() {
        return session;
    }

    public String method() {
        return method;
    }

    /** The raw params object ({@code {}} when the request had none or {@code null}). */
    public JsonNode params() {
        return params;
    }

    /** The params decoded into a record; any mismatch is -32602. */
    public <T> T params(Class<T> type) {
        return ParamsDecoder.decode(params, type);
    }

    /**
     * Runs {@code task} on the event loop once the reply carrying this call's response has been
     * written — e.g. closing after the 5th failed auth, or starting shutdown after its answer.
     */
    public synchronized void afterReply(Runnable task) {
        afterReply.add(task);
    }

    synchronized List<Runnable> afterReplyTasks() {
        return List.copyOf(afterReply);
    }
}
