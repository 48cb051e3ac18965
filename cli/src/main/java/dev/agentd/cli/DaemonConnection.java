package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** Sends the command's request and waits for its result. */
    JsonNode request(String method, JsonNode params) {
        try {
            return client.call(method, params, target.timeout());
        } catch (ClientException | RpcException e) {
            throw new ConnectionFailure(target, ConnectionFailure.Stage.REQUEST, e);
        }
    }

    /** Sends close 1000 (cli §4.1 step 6). */
    @Override
    public void close() {
        client.close();
    }
}
