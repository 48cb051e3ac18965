package dev.agentd.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cli §3.2. */
class DaemonUrlTest {
    @TempDir
    Path home;

    private StateRoot root() {
        return new StateRoot(home);
    }

    private void publish(String json) throws IOException {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/daemon.json"), json);
    }

    @Test
    void optionThenVariableThenDaemonJsonThenDefault() throws IOException {
        publish("{\"pid\":42,\"ws_url\":\"ws://127.0.0.1:5000/\"}");
        Environment withVariable = new Environment(Map.of("AGENTD_URL", " ws://127.0.0.1:4000/ "));
        Environment without = new Environment(Map.of());

        assertThat(DaemonUrl.resolve("ws://127.0.0.1:3000", withVariable, root()).toString())
                .isEqualTo("ws://127.0.0.1:3000/");
        assertThat(DaemonUrl.resolve(null, withVariable, root()).toString()).isEqualTo("ws://127.0.0.1:4000/");
        DaemonUrl published = DaemonUrl.resolve(null, without, root());
        assertThat(published.toString()).isEqualTo("ws://127.0.0.1:5000/");
        assertThat(published.fromDaemonJson()).isTrue();
        assertThat(published.daemonJson().pid()).isEqualTo(42L);
        assertThat(published.daemonJson().file()).isEqualTo(home.resolve("run/daemon.json"));

        Files.delete(home.resolve("run/daemon.json"));
        DaemonUrl fallback = DaemonUrl.resolve(null, without, root());
        assertThat(fallback.toString()).isEqualTo("ws://127.0.0.1:9100/");
        assertThat(fallback.fromDaemonJson()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"pid\":1}", "{\"ws_url\":7}", "{\"ws_url\":\"http://x:1/\"}", "[]"})
    void unusableDaemonJsonIsSkippedSilently(String contents) throws IOException {
        publish(contents);

        DaemonUrl url = DaemonUrl.resolve(null, new Environment(Map.of()), root());

        assertThat(url.toString()).isEqualTo("ws://127.0.0.1:9100/");
        assertThat(url.fromDaemonJson()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9100/", "ws://127.0.0.1/", "ws://:9100/", "127.0.0.1:9100",
            "ws://127.0.0.1:9100/path", "ws://127.0.0.1:9100/?q=1", "ws://user@127.0.0.1:9100/", "ws://[::1/", ""})
    void invalidUrlsAreUsageErrors(String value) {
        assertThatThrownBy(() -> DaemonUrl.parse(value))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("invalid daemon URL '" + value + "' (expected ws://HOST:PORT/)");
    }

    @Test
    void httpBaseFollowsScheme() {
        assertThat(DaemonUrl.parse("ws://localhost:9100").httpBase()).isEqualTo("http://localhost:9100");
        assertThat(DaemonUrl.parse("wss://example.org:443/").httpBase()).isEqualTo("https://example.org:443");
        assertThat(DaemonUrl.parse("ws://[::1]:9100/").toString()).isEqualTo("ws://[::1]:9100/");
    }

    @Test
    void loopbackDetection() {
        assertThat(DaemonUrl.parse("ws://127.0.0.1:1/").isLoopback()).isTrue();
        assertThat(DaemonUrl.parse("ws://localhost:1/").isLoopback()).isTrue();
        assertThat(DaemonUrl.parse("ws://[::1]:1/").isLoopback()).isTrue();
        assertThat(DaemonUrl.parse("ws://10.0.0.5:1/").isLoopback()).isFalse();
    }
}
