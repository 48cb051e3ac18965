package dev.agentd.daemon.browser;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wire shape of {@code browser.run} and {@code browser.close} where no browser is launched
 * (browser §2, §7.5): these run without Chromium. Checks 1 and 3 through the daemon, and
 * {@code browser.close} on a connection that never had a browser.
 */
class BrowserMethodsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    /** Check 1: a script string that is not JSON is -32602 at once; nothing is launched. */
    @Test
    void scriptThatIsNotJsonIsInvalidParamsAndLaunchesNothing() {
        RawWebSocket client = agentd.connectRawAuthenticated();

        assertThatJson(client.call("""
                {"jsonrpc":"2.0","id":1,"method":"browser.run","params":{"script":"{not json"}}"""))
                .node("error.code").isEqualTo(-32602);
        assertThat(client.call("""
                {"jsonrpc":"2.0","id":2,"method":"browser.run","params":{"script":"{not json"}}""")
                .path("error").path("message").asText()).startsWith("invalid params: script: not valid JSON");
        assertThat(BrowserCalls.browserRunDirEntries(agentd.root())).isEmpty();
    }

    /** Check 3 through the daemon: launch parameters out of range are -32602 with a JSON path. */
    @Test
    void launchParametersOutOfRangeAreInvalidParams() {
        RawWebSocket client = agentd.connectRawAuthenticated();

        assertThatJson(client.call("""
                {"jsonrpc":"2.0","id":1,"method":"browser.run","params":{"script":[],"width":50}}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"invalid params: width: 50 (expected: 200-7680)"}}""");
        assertThat(client.call("""
                {"jsonrpc":"2.0","id":2,"method":"browser.run","params":{"script":[],"extra_args":["--user-data-dir=/x"]}}""")
                .path("error").path("message").asText()).startsWith("invalid params: extra_args[0]");
        assertThat(BrowserCalls.browserRunDirEntries(agentd.root())).isEmpty();
    }

    /** Browser §2.2: a connection without a browser closes nothing; absent and null params are both fine. */
    @Test
    void closeWithoutABrowserIsFalse() {
        RawWebSocket client = agentd.connectRawAuthenticated();

        assertThatJson(client.call("""
                {"jsonrpc":"2.0","id":1,"method":"browser.close","params":{}}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"result":{"closed":false}}""");
        assertThatJson(client.call("""
                {"jsonrpc":"2.0","id":2,"method":"browser.close"}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":2,"result":{"closed":false}}""");
        assertThatJson(client.call("""
                {"jsonrpc":"2.0","id":3,"method":"browser.close","params":null}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":3,"result":{"closed":false}}""");
    }

    /** Core §9: like every method but {@code session.auth}, the browser methods are behind the auth gate. */
    @Test
    void unauthenticatedBrowserRunIsClosedAtTheGate() {
        RawWebSocket client = agentd.connectRaw();

        assertThatJson(client.call("""
                {"jsonrpc":"2.0","id":1,"method":"browser.run","params":{"script":[]}}"""))
                .node("error.code").isEqualTo(-32001);
        assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(new RawWebSocket.CloseFrame(1008, "auth required"));
        assertThat(BrowserCalls.browserRunDirEntries(agentd.root())).isEmpty();
    }
}
