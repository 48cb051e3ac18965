package dev.agentd.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.RpcError;

/** One inbound JSON-RPC element after validation (core §2, §2.1). */
public sealed interface Envelope {

    /** A request ({@code id} set) or a notification ({@code id} null), ready to dispatch. */
    record Call(JsonNode id, String method, JsonNode params) implements Envelope {
        public boolean isNotification() {
            return id == null;
        }
    }

    /** An element that fails validation; answered with {@code error} and {@code id}. */
    record Invalid(JsonNode id, RpcError error) implements Envelope {}

    /** A response to a server-initiated request; agentd issues none, so it is ignored. */
    record Ignored() implements Envelope {}
}
