package dev.agentd.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cli §4.3. */
class ClientTimeoutTest {
    @Test
    void defaultsToThirtySeconds() {
        assertThat(ClientTimeout.resolve(new Environment(Map.of()))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ClientTimeout.resolve(new Environment(Map.of("AGENTD_TIMEOUT", " ")))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void acceptsPositiveDecimals() {
        assertThat(ClientTimeout.resolve(new Environment(Map.of("AGENTD_TIMEOUT", " 1 ")))).isEqualTo(Duration.ofSeconds(1));
        assertThat(ClientTimeout.parse("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(ClientTimeout.parse(".25")).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "0.0", "-1", "1e3", "NaN", "1s", "0.0000000001"})
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> ClientTimeout.parse(value))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("AGENTD_TIMEOUT must be a positive number of seconds, got '" + value + "'");
    }
}
