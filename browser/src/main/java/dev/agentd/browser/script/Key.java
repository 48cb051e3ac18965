package dev.agentd.browser.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A key as CDP's {@code Input.dispatchKeyEvent} wants it (browser §7.4).
 *
 * @param key  the DOM {@code key} value ({@code a}, {@code Enter}, {@code " "})
 * @param code the DOM {@code code} ({@code KeyA}, {@code Digit7}, {@code Enter}), or "" if none
 * @param virtualKeyCode the Windows virtual key code, or 0 if none
 * @param text what the key types, or null for a non-printing key
 * @param name the name the script used, canonicalised ({@code Enter}, {@code a})
 */
public record Key(String key, String code, int virtualKeyCode, String text, String name) {
    private static final Map<String, Key> NAMED = named();

    /** Whether a {@code keyDown} of this key carries text. */
    public boolean printable() {
        return text != null;
    }

    /** A single printable character, or one of the names of §7.4 (case-insensitive). */
    public static Optional<Key> parse(String name) {
        if (name.codePointCount(0, name.length()) == 1 && !Character.isISOControl(name.codePointAt(0))) {
            return Optional.of(character(name));
        }
        return Optional.ofNullable(NAMED.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The names accepted besides single characters, for messages. */
    public static String namesForMessage() {
        return String.join(", ", NAMED.values().stream().map(Key::name).toList());
    }

    private static Key character(String character) {
        char first = character.charAt(0);
        if (character.length() == 1 && first < 128 && Character.isLetter(first)) {
            char upper = Character.toUpperCase(first);
            return new Key(character, "Key" + upper, upper, character, character);
        }
        if (character.length() == 1 && first >= '0' && first <= '9') {
            return new Key(character, "Digit" + first, first, character, character);
        }
        return new Key(character, "", 0, character, character);
    }

    private static Map<String, Key> named() {
        Map<String, Key> keys = new LinkedHashMap<>();
        put(keys, new Key("Enter", "Enter", 13, "\r", "Enter"));
        put(keys, new Key("Tab", "Tab", 9, null, "Tab"));
        put(keys, new Key("Escape", "Escape", 27, null, "Escape"));
        put(keys, new Key("Backspace", "Backspace", 8, null, "Backspace"));
        put(keys, new Key("Delete", "Delete", 46, null, "Delete"));
        put(keys, new Key(" ", "Space", 32, " ", "Space"));
        put(keys, new Key("ArrowLeft", "ArrowLeft", 37, null, "ArrowLeft"));
        put(keys, new Key("ArrowUp", "ArrowUp", 38, null, "ArrowUp"));
        put(keys, new Key("ArrowRight", "ArrowRight", 39, null, "ArrowRight"));
        put(keys, new Key("ArrowDown", "ArrowDown", 40, null, "ArrowDown"));
        put(keys, new Key("Home", "Home", 36, null, "Home"));
        put(keys, new Key("End", "End", 35, null, "End"));
        put(keys, new Key("PageUp", "PageUp", 33, null, "PageUp"));
        put(keys, new Key("PageDown", "PageDown", 34, null, "PageDown"));
        put(keys, new Key("Insert", "Insert", 45, null, "Insert"));
        for (int n = 1; n <= 12; n++) {
            put(keys, new Key("F" + n, "F" + n, 111 + n, null, "F" + n));
        }
        return Collections.unmodifiableMap(keys);
    }

    private static void put(Map<String, Key> keys, Key key) {
        keys.put(key.name().toLowerCase(Locale.ROOT), key);
    }
}
