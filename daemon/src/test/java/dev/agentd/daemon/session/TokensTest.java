package dev.agentd.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void tokensAre43Base64UrlCharactersAndDistinct() {
        String first = Tokens.newToken();
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(Tokens.newToken()).isNotEqualTo(first);
    }

    @Test
    void matchesOnlyTheExactToken() {
        String token = Tokens.newToken();
        assertThat(Tokens.matches(token, token)).isTrue();
        assertThat(Tokens.matches(token + "x", token)).isFalse();
        assertThat(Tokens.matches(token.substring(1), token)).isFalse();
        assertThat(Tokens.matches("", token)).isFalse();
    }

    @Test
    void anUnknownExpectedTokenNeverMatches() {
        assertThat(Tokens.matches(Tokens.newToken(), null)).isFalse();
    }

    @Test
    void credentialsNeverPrintTheirValues() {
        DaemonCredentials credentials = DaemonCredentials.generate();
        assertThat(credentials.toString()).doesNotContain(credentials.daemonToken()).doesNotContain(credentials.hostToken());
        assertThat(credentials.daemonToken()).isNotEqualTo(credentials.hostToken());
    }
}
