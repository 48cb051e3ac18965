package dev.agentd.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cli §3.3. */
class TokenSourceTest {
    @TempDir
    Path home;

    private StateRoot root() {
        return new StateRoot(home);
    }

    @Test
    void environmentWinsOverFile() throws IOException {
        Files.writeString(home.resolve("auth-token"), "from-file");

        TokenLookup lookup = TokenSource.daemonToken(new Environment(Map.of("AGENTD_TOKEN", " from-env ")), root());

        assertThat(lookup.credential()).isEqualTo(Credential.daemonToken("from-env", "AGENTD_TOKEN"));
        assertThat(lookup.checkedSources()).containsExactly("AGENTD_TOKEN");
    }

    @Test
    void blankEnvironmentFallsBackToTrimmedFile() throws IOException {
        Path file = Files.writeString(home.resolve("auth-token"), "from-file\n");

        TokenLookup lookup = TokenSource.daemonToken(new Environment(Map.of("AGENTD_TOKEN", "  ")), root());

        assertThat(lookup.credential()).isEqualTo(Credential.daemonToken("from-file", file.toString()));
        assertThat(lookup.checkedSources()).containsExactly("AGENTD_TOKEN", file.toString());
    }

    @Test
    void nothingFoundListsEverySourceChecked() throws IOException {
        Files.writeString(home.resolve("host-token"), "   \n");

        TokenLookup daemon = TokenSource.daemonToken(new Environment(Map.of()), root());
        TokenLookup host = TokenSource.hostToken(root());

        assertThat(daemon.found()).isEmpty();
        assertThat(daemon.checkedSources()).isEqualTo(List.of("AGENTD_TOKEN", home.resolve("auth-token").toString()));
        assertThat(host.found()).isEmpty();
        assertThat(host.checkedSources()).isEqualTo(List.of(home.resolve("host-token").toString()));
    }

    @Test
    void hostTokenNeverComesFromEnvironment() throws IOException {
        Path file = Files.writeString(home.resolve("host-token"), "host-value");

        TokenLookup lookup = TokenSource.hostToken(root());

        assertThat(lookup.credential()).isEqualTo(Credential.hostToken("host-value", file.toString()));
    }

    @Test
    void unreadableFileIsReportedWithPathButNoContents() throws IOException {
        Path directory = Files.createDirectory(home.resolve("auth-token"));

        assertThatThrownBy(() -> TokenSource.daemonToken(new Environment(Map.of()), root()))
                .isInstanceOfSatisfying(DiscoveryException.class, e ->
                        assertThat(e.kind()).isEqualTo(DiscoveryException.Kind.UNREADABLE_TOKEN))
                .hasMessageStartingWith("cannot read token file " + directory + ": ");
    }
}
