package dev.agentd.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.Protocol;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.core.HandshakeParams;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connect recipe of cli §4.1: open the WebSocket, {@code session.auth} when there is a
 * credential (or a namespace to bind), then {@code server.handshake}, each reply awaited before the
 * next frame and each bounded by the timeout.
 */
public final class AgentdConnector {
    private static final Pattern SERVER_SPEAKS = Pattern.compile("server speaks (\\d+)");
    private AgentdConnector() {}

    /**
     * @param credential     may be null: connect without {@code session.auth}
     * @param memoryNamespace may be null; with no credential it is sent with {@code token: ""}
     * @param timeout        bounds the TCP connect, the upgrade and each of the two replies
     */
    public static RpcClient connect(URI url, Credential credential, String memoryNamespace, Duration timeout) {
        RpcClient client = RpcClient.open(url, timeout);
        try {
            if (credential != null || memoryNamespace != null) {
                client.call("session.auth", authParams(credential, memoryNamespace), timeout);
            } else {
                client.skipId();
            }
            handshake(client, timeout);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static ObjectNode authParams(Credential credential, String memoryNamespace) {
        ObjectNode params = Json.mapper().createObjectNode();
        if (credential == null) {
            params.put("token", "");
        } else if (credential.kind() == Credential.Kind.HOST_TOKEN) {
            params.put("host_token", credential.value());
        } else {
            params.put("token", credential.value());
            if (credential.agentId() != null) {
                params.put("agent_id", credential.agentId());
            }
        }
        if (memoryNamespace != null) {
            params.put("memory_namespace", memoryNamespace);
        }
        return params;
    }

    private static void handshake(RpcClient client, Duration timeout) {
        String url = client.url().toString();
        JsonNode result;
        try {
            result = client.call("server.handshake",
                    new HandshakeParams(Protocol.VERSION, Protocol.AGENTD_VERSION), timeout);
        } catch (RpcException e) {
            if (e.code() == ErrorCodes.PROTOCOL_MISMATCH) {
                Matcher speaks = SERVER_SPEAKS.matcher(e.getMessage());
                throw new ClientException.ProtocolMismatch(url, speaks.find() ? speaks.group(1) : "another version");
            }
            if (e.code() == ErrorCodes.METHOD_NOT_FOUND) {
                throw new ClientException.NotAgentdProtocol(url);
            }
            throw e;
        }
        JsonNode version = result == null ? null : result.get("protocol_version");
        if (version == null || !version.isIntegralNumber()) {
            throw new ClientException.NotAgentdProtocol(url);
        }
        if (version.asLong() != Protocol.VERSION) {
            throw new ClientException.ProtocolMismatch(url, version.asText());
        }
    }
}
