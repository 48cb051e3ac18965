package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.RpcClient;

/**
 * One client command's connection: the connect recipe of cli §4.1 (upgrade, {@code session.auth}
 * with id 1 when there is a credential, {@code server.handshake}), then the command's request,
 * each bounded by the client timeout. Failures carry the target so {@link Failures} can name it.
 */
final class DaemonConnection implements AutoCloseable {
    private final ConnectionTarget target;
    private final RpcClient client;

    private DaemonConnection(ConnectionTarget target, RpcClient client) {
        this.target = target;
        this.client = client;
    }

    /** @param memoryNamespace the {@code --namespace} value, or null */
    static DaemonConnection open(ConnectionTarget target, String memoryNamespace) {
        try {
            RpcClient client = AgentdConnector.connect(
                    target.url().uri(), target.token().credential(), memoryNamespace, target.timeout());
            return new DaemonConnection(target, client);
        } catch (ClientException | RpcException e) {
            throw new ConnectionFailure(target, ConnectionFailure.Stage.CONNECT, e);
        }
    }

    /** The whole recipe for a command that sends one request: connect, request, close. */
    static JsonNode requestOnce(ConnectionTarget target, String memoryNamespace, String method, JsonNode params) {
        try (DaemonConnection connection = open(target, memoryNamespace)) {
            return connection.request(method, params);
        }
    }

    /** Sends the command's request and waits for its result (JSON {@code null} when the reply has none). */
    JsonNode request(String method, JsonNode params) {
        try {
            JsonNode result = client.call(method, params, target.timeout());
            return result == null ? NullNode.getInstance() : result;
        } catch (ClientException | RpcException e) {
            throw new ConnectionFailure(target, ConnectionFailure.Stage.REQUEST, e);
        }
    }

    /**
     * Collects this connection's notifications of {@code method} from now on; call it before the
     * request that subscribes, so no event can arrive unseen. One inbox per connection.
     */
    NotificationInbox listen(String method) {
        NotificationInbox inbox = new NotificationInbox(target, method);
        client.onNotification(inbox::offer);
        client.closed().thenAccept(inbox::closed);
        return inbox;
    }

    /** Sends close 1000 (cli §4.1 step 6). */
    @Override
    public void close() {
        client.close();
    }
}
