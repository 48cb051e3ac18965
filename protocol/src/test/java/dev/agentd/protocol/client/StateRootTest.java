package dev.agentd.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cli §3.1. */
class StateRootTest {
    @Test
    void optionWinsOverVariable() {
        StateRoot root = StateRoot.resolve("/opt/a", new Environment(Map.of("AGENTD_HOME", "/opt/b")));

        assertThat(root.path()).isEqualTo(Path.of("/opt/a"));
    }

    @Test
    void variableIsTrimmedAndNormalized() {
        StateRoot root = StateRoot.resolve(null, new Environment(Map.of("AGENTD_HOME", "  /opt/x/../b  ")));

        assertThat(root.path()).isEqualTo(Path.of("/opt/b"));
        assertThat(root.authTokenFile()).isEqualTo(Path.of("/opt/b/auth-token"));
        assertThat(root.hostTokenFile()).isEqualTo(Path.of("/opt/b/host-token"));
        assertThat(root.daemonJsonFile()).isEqualTo(Path.of("/opt/b/run/daemon.json"));
    }

    @Test
    void blankVariableFallsBackToHomeDirectory() {
        StateRoot root = StateRoot.resolve(null, new Environment(Map.of("AGENTD_HOME", "   ")));

        assertThat(root.path()).isEqualTo(Path.of(System.getProperty("user.home"), ".agentd"));
    }

    @Test
    void relativeValuesAreUsageErrorsNamingTheirOrigin() {
        assertThatThrownBy(() -> StateRoot.resolve(null, new Environment(Map.of("AGENTD_HOME", "rel"))))
                .isInstanceOfSatisfying(DiscoveryException.class, e ->
                        assertThat(e.kind()).isEqualTo(DiscoveryException.Kind.INVALID_SETTING))
                .hasMessage("AGENTD_HOME must be an absolute path, got 'rel'");
        assertThatThrownBy(() -> StateRoot.resolve("rel/dir", new Environment(Map.of())))
                .hasMessage("--home must be an absolute path, got 'rel/dir'");
    }
}
