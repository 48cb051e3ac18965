package dev.agentd.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathEncodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "trader|trader|trader",
        "Trader|%54rader|%54rader",
        "a/b|a%2fb|a%2fb",
        "..|..|%2e.",
        ".hidden|.hidden|%2ehidden",
        "100%|100%25|100%25",
        "é|%c3%a9|%c3%a9",
        "a b_c-d.e|a%20b_c-d.e|a%20b_c-d.e",
    })
    void encodesAsTheCoreConventionsSay(String raw, String enc, String fsName) {
        assertThat(PathEncoding.enc(raw)).isEqualTo(enc);
        assertThat(PathEncoding.fsName(raw)).isEqualTo(fsName);
    }
}
