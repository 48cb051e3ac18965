package dev.agentd.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Duration options: {@code <n>ms|s|m|h}, bare number = seconds. */
class DurationsTest {
    @Test
    void parsesEveryUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5x", "m", "-1s", "1.5s", "5 s", "99999999999999999999h"})
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> Durations.parse(value))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("invalid duration '" + value + "' (expected <n>ms|s|m|h)");
    }
}
