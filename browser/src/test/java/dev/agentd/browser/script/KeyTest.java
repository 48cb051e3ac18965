package dev.agentd.browser.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The key and modifier tables of browser §7.3 and §7.4. */
class KeyTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Enter      | Enter      | Enter      | 13
            enter      | Enter      | Enter      | 13
            Tab        | Tab        | Tab        | 9
            Escape     | Escape     | Escape     | 27
            Backspace  | Backspace  | Backspace  | 8
            Delete     | Delete     | Delete     | 46
            ArrowLeft  | ArrowLeft  | ArrowLeft  | 37
            ArrowUp    | ArrowUp    | ArrowUp    | 38
            ArrowRight | ArrowRight | ArrowRight | 39
            ArrowDown  | ArrowDown  | ArrowDown  | 40
            Home       | Home       | Home       | 36
            End        | End        | End        | 35
            PageUp     | PageUp     | PageUp     | 33
            PageDown   | PageDown   | PageDown   | 34
            Insert     | Insert     | Insert     | 45
            F1         | F1         | F1         | 112
            F12        | F12        | F12        | 123
            a          | a          | KeyA       | 65
            A          | A          | KeyA       | 65
            7          | 7          | Digit7     | 55
            /          | /          | ''         | 0
            é          | é          | ''         | 0
            """)
    void namedAndCharacterKeys(String name, String key, String code, int virtualKeyCode) {
        Key parsed = Key.parse(name).orElseThrow();
        assertThat(parsed.key()).isEqualTo(key);
        assertThat(parsed.code()).isEqualTo(code);
        assertThat(parsed.virtualKeyCode()).isEqualTo(virtualKeyCode);
    }

    @Test
    void onlyEnterSpaceAndCharactersTypeText() {
        assertThat(Key.parse("Enter").orElseThrow().text()).isEqualTo("\r");
        Key space = Key.parse("Space").orElseThrow();
        assertThat(space.text()).isEqualTo(" ");
        assertThat(space.key()).isEqualTo(" ");
        assertThat(space.code()).isEqualTo("Space");
        assertThat(space.virtualKeyCode()).isEqualTo(32);
        assertThat(Key.parse("x").orElseThrow().text()).isEqualTo("x");
        assertThat(Key.parse("Tab").orElseThrow().printable()).isFalse();
        assertThat(Key.parse("F5").orElseThrow().printable()).isFalse();
    }

    @Test
    void unknownNamesAndControlCharactersAreRejected() {
        assertThat(Key.parse("Hyper")).isEmpty();
        assertThat(Key.parse("ab")).isEmpty();
        assertThat(Key.parse("\n")).isEmpty();
        assertThat(Key.parse("")).isEmpty();
    }

    @Test
    void modifiersCarryTheCdpBitsAndAliases() {
        assertThat(Modifier.parse("alt").orElseThrow().bit()).isEqualTo(1);
        assertThat(Modifier.parse("control").orElseThrow().bit()).isEqualTo(2);
        assertThat(Modifier.parse("meta").orElseThrow().bit()).isEqualTo(4);
        assertThat(Modifier.parse("shift").orElseThrow().bit()).isEqualTo(8);
        assertThat(Modifier.parse("ctrl")).contains(Modifier.CONTROL);
        assertThat(Modifier.parse("cmd")).contains(Modifier.META);
        assertThat(Modifier.parse("option")).contains(Modifier.ALT);
        assertThat(Modifier.parse("super")).isEmpty();
    }
}
