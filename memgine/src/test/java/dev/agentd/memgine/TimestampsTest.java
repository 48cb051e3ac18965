package dev.agentd.memgine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Timestamps#parse}: the shortcut for the exact shape exports write agrees with the general parser. */
class TimestampsTest {
    private static final long YEAR_0000 = -62_167_219_200_000L;
    private static final long YEAR_9999_END = 253_402_300_799_999L;

    @Test
    void everyFormattedInstantParsesBackAsTheGeneralParserReadsIt() {
        SplittableRandom random = new SplittableRandom(20251121);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(YEAR_0000, YEAR_9999_END + 1);
            String text = Timestamps.format(millis);
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(millis)
                    .isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z", "1970-01-01T00:00:00.000Z",
            "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"})
    void edgesOfTheCalendarAgreeWithTheGeneralParser(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T00:00:00.000Z", "2025-04-31T00:00:00.000Z", "2025-13-01T00:00:00.000Z",
            "2025-06-01T24:00:00.000Z", "2025-06-01T09:60:00.000Z", "2025-06-01T09:30:60.000Z",
            "2025-06-01T09:30:1x.000Z", "2025-06-01 09:30:12.345Z"})
    void impossibleOrMisshapenValuesAreStillRejected(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-01T09:30:12+02:00", "2025-06-01T09:30:12.345678Z", "2025-06-01T09:30:12"})
    void otherRfc3339ShapesTakeTheGeneralPath(String text) {
        long expected = text.length() == 19
                ? OffsetDateTime.parse(text + "Z").toInstant().toEpochMilli()
                : OffsetDateTime.parse(text).toInstant().toEpochMilli();
        assertThat(Timestamps.parse(text)).isEqualTo(expected);
    }
}
