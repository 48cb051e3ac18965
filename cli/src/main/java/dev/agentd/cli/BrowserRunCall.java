package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.RpcClient;

/**
 * The connection of {@code agentd browser run}. Connecting follows cli §4.1 with the client
 * timeout like every command, but the {@code browser.run} reply is awaited without a client limit
 * (cli §4.3): a script may run for minutes, and the daemon's handler deadline still ends it.
 */
final class BrowserRunCall {
    static final String METHOD = "browser.run";

    private BrowserRunCall() {}

    /** Connects, sends {@code browser.run}, waits for the trace, closes (which closes the browser). */
    static JsonNode send(ConnectionTarget target, JsonNode params) {
        RpcClient client = connect(target);
        try (client) {
            return client.call(METHOD, params, null);
        } catch (ClientException | RpcException e) {
            throw new ConnectionFailure(target, ConnectionFailure.Stage.REQUEST, e);
        }
    }

    private static RpcClient connect(ConnectionTarget target) {
        try {
            return AgentdConnector.connect(target.url().uri(), target.token().credential(), null, target.timeout());
        } catch (ClientException | RpcException e) {
            throw new ConnectionFailure(target, ConnectionFailure.Stage.CONNECT, e);
        }
    }
}
