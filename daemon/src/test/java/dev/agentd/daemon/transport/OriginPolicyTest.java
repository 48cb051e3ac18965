package dev.agentd.daemon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:5173", "https://127.0.0.1", "HTTP://LOCALHOST:80",
        "http://[::1]:9100", "https://[::1]"})
    void loopbackOriginsPass(String origin) {
        assertThat(OriginPolicy.allows(List.of(origin))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "http://evil.example", "file://", "chrome-extension://abc", "http://localhost:5173/path",
        "http://localhost/", "ws://localhost", "http://127.0.0.2", "http://localhost.evil.example", "http://localhost:99999",
        "http://user@localhost", "", " http://localhost"})
    void everythingElseIsRefused(String origin) {
        assertThat(OriginPolicy.allows(List.of(origin))).isFalse();
    }

    @Test
    void noOriginPassesAndTwoOriginsAreRefused() {
        assertThat(OriginPolicy.allows(List.of())).isTrue();
        assertThat(OriginPolicy.allows(List.of("http://localhost", "http://localhost"))).isFalse();
    }
}
