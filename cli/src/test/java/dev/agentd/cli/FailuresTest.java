package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonStartException;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.DaemonJson;
import dev.agentd.protocol.client.DaemonUrl;
import dev.agentd.protocol.client.DiscoveryException;
import dev.agentd.protocol.client.StateRoot;
import dev.agentd.protocol.client.TokenLookup;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit codes and messages of cli §7 and §8, one mapping each. */
class FailuresTest {
    private static final String URL = "ws://127.0.0.1:9100/";
    private static final Path ROOT = Path.of("/srv/agentd");
    private static final TokenLookup FILE_TOKEN = new TokenLookup(
            Credential.daemonToken("s3cret-value", "/srv/agentd/auth-token"), List.of("AGENTD_TOKEN", "/srv/agentd/auth-token"));
    private static final TokenLookup NO_TOKEN = new TokenLookup(null, List.of("AGENTD_TOKEN", "/srv/agentd/auth-token"));

    private static ConnectionTarget target(TokenLookup token) {
        return new ConnectionTarget(new StateRoot(ROOT), DaemonUrl.parse(URL), token, Duration.ofSeconds(30));
    }

    private static CommandFailure describe(ConnectionFailure.Stage stage, TokenLookup token, RuntimeException cause) {
        return Failures.describe(new ConnectionFailure(target(token), stage, cause));
    }

    @Test
    void unreachableDaemonExits3() {
        CommandFailure failure = describe(ConnectionFailure.Stage.CONNECT, FILE_TOKEN,
                new ClientException.DaemonUnreachable(URL, new ConnectException()));

        assertThat(failure.exitCode()).isEqualTo(3);
        assertThat(failure.lines()).containsExactly("no daemon at " + URL + "; start one with `agentd serve`");
    }

    @Test
    void unreachableStatusNamesStaleDaemonJson() {
        DaemonJson published = new DaemonJson(ROOT.resolve("run/daemon.json"), URL, 4242L);
        ConnectionTarget target = new ConnectionTarget(new StateRoot(ROOT), new DaemonUrl(URI.create(URL), published),
                TokenLookup.none(), Duration.ofSeconds(30));

        CommandFailure failure = Failures.describe(new ConnectionFailure(target, ConnectionFailure.Stage.HEALTH,
                new ClientException.DaemonUnreachable(URL, new ConnectException())));

        assertThat(failure.exitCode()).isEqualTo(3);
        assertThat(failure.lines()).containsExactly("no daemon at " + URL + "; start one with `agentd serve`",
                "stale /srv/agentd/run/daemon.json (pid 4242 is not answering)");
    }

    @Test
    void tokenMismatchNamesSourceNeverValue() {
        CommandFailure failure = describe(ConnectionFailure.Stage.CONNECT, FILE_TOKEN,
                new RpcException(-32603, "auth failed: token mismatch"));

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.lines()).containsExactly(
                "auth failed: token mismatch (token from /srv/agentd/auth-token)",
                "the daemon at " + URL + " was started with a different token; check AGENTD_TOKEN and AGENTD_HOME");
        assertThat(String.join("\n", failure.lines())).doesNotContain("s3cret-value");
    }

    @Test
    void tokenMismatchAsMainRequestErrorIsPlainRpcError() {
        CommandFailure failure = describe(ConnectionFailure.Stage.REQUEST, FILE_TOKEN,
                new RpcException(-32603, "auth failed: token mismatch"));

        assertThat(failure.lines()).containsExactly("error -32603: auth failed: token mismatch");
    }

    @Test
    void authRequiredWithoutTokenListsSourcesChecked() {
        CommandFailure failure = describe(ConnectionFailure.Stage.CONNECT, NO_TOKEN,
                new RpcException(-32001, "auth required: call session.auth with a valid token first"));

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.lines())
                .containsExactly("auth required: no token found (checked AGENTD_TOKEN, /srv/agentd/auth-token)");
    }

    @Test
    void emptyTokenSentForNamespaceMismatchIsNoTokenFound() {
        CommandFailure failure = describe(ConnectionFailure.Stage.CONNECT, NO_TOKEN,
                new RpcException(-32603, "auth failed: token mismatch"));

        assertThat(failure.lines())
                .containsExactly("auth required: no token found (checked AGENTD_TOKEN, /srv/agentd/auth-token)");
    }

    @Test
    void authRequiredWithTokenPrefixesOnce() {
        assertThat(describe(ConnectionFailure.Stage.REQUEST, FILE_TOKEN,
                new RpcException(-32001, "auth required: call session.auth with a valid token first")).lines())
                .containsExactly("auth required: call session.auth with a valid token first");
        assertThat(describe(ConnectionFailure.Stage.REQUEST, FILE_TOKEN, new RpcException(-32001, "nope")).lines())
                .containsExactly("auth required: nope");
    }

    @Test
    void timeoutAndCloseNameTheUrl() {
        assertThat(describe(ConnectionFailure.Stage.CONNECT, FILE_TOKEN,
                new ClientException.Timeout("upgrade", "1.5")).lines())
                .containsExactly("timed out after 1.5s waiting for upgrade from " + URL);
        assertThat(describe(ConnectionFailure.Stage.REQUEST, FILE_TOKEN,
                new ClientException.ConnectionClosed(1001, "daemon shutting down")).lines())
                .containsExactly("connection to " + URL + " closed before a reply (1001 daemon shutting down)");
        assertThat(describe(ConnectionFailure.Stage.REQUEST, FILE_TOKEN,
                new ClientException.ConnectionClosed(1006, "")).lines())
                .containsExactly("connection to " + URL + " closed before a reply (1006)");
    }

    @Test
    void protocolAndEndpointProblemsUseTheirOwnMessages() {
        assertThat(describe(ConnectionFailure.Stage.CONNECT, FILE_TOKEN,
                new ClientException.UpgradeRejected(URL, 404)).lines())
                .containsExactly(URL + " is not an agentd WebSocket endpoint (HTTP 404)");
        assertThat(describe(ConnectionFailure.Stage.CONNECT, FILE_TOKEN,
                new ClientException.NotAgentdProtocol(URL)).lines())
                .containsExactly("the daemon at " + URL + " does not speak agentd protocol 2");
        assertThat(describe(ConnectionFailure.Stage.CONNECT, FILE_TOKEN,
                new ClientException.ProtocolMismatch(URL, "3")).lines())
                .containsExactly("protocol version mismatch: daemon at " + URL + " speaks 3, this client speaks 2");
    }

    @Test
    void otherRpcErrorsShowCodeAndMessage() {
        CommandFailure failure = describe(ConnectionFailure.Stage.REQUEST, FILE_TOKEN,
                new RpcException(-32601, "method not found: foo.bar"));

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.lines()).containsExactly("error -32601: method not found: foo.bar");
    }

    @Test
    void discoveryErrorsMapByKind() {
        assertThat(Failures.describe(new DiscoveryException(DiscoveryException.Kind.INVALID_SETTING, "bad")).exitCode())
                .isEqualTo(2);
        assertThat(Failures.describe(new DiscoveryException(DiscoveryException.Kind.UNREADABLE_TOKEN, "bad")).exitCode())
                .isEqualTo(1);
    }

    @Test
    void startFailureKeepsDaemonExitCode() {
        CommandFailure failure = Failures.startFailed(new DaemonStartException(3, "another agentd (pid 1) is already running", null));

        assertThat(failure.exitCode()).isEqualTo(3);
        assertThat(failure.lines()).containsExactly("another agentd (pid 1) is already running");
    }

    @Test
    void uptimeFormat() {
        assertThat(StatusCommand.uptime(5_400)).isEqualTo("5s");
        assertThat(StatusCommand.uptime(123_000)).isEqualTo("2m03s");
        assertThat(StatusCommand.uptime(3_723_000)).isEqualTo("1h02m03s");
    }
}
