package dev.agentd.browser.script;

import java.util.Locale;
import java.util.Optional;

/** A keypress modifier with its CDP bit and the key it presses (browser §7.3). */
public enum Modifier {
    SHIFT("shift", 8, "Shift", "ShiftLeft", 16),
    CONTROL("control", 2, "Control", "ControlLeft", 17),
    ALT("alt", 1, "Alt", "AltLeft", 18),
    META("meta", 4, "Meta", "MetaLeft", 91);

    private final String wireName;
    private final int bit;
    private final String key;
    private final String code;
    private final int virtualKeyCode;

    Modifier(String wireName, int bit, String key, String code, int virtualKeyCode) {
        this.wireName = wireName;
        this.bit = bit;
        this.key = key;
        this.code = code;
        this.virtualKeyCode = virtualKeyCode;
    }

    /** {@code shift}, {@code control}, {@code alt}, {@code meta}, or an alias: ctrl, cmd, option. */
    public static Optional<Modifier> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "shift" -> Optional.of(SHIFT);
            case "control", "ctrl" -> Optional.of(CONTROL);
            case "alt", "option" -> Optional.of(ALT);
            case "meta", "cmd" -> Optional.of(META);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return wireName;
    }

    public int bit() {
        return bit;
    }

    public String key() {
        return key;
    }

    public String code() {
        return code;
    }

    public int virtualKeyCode() {
        return virtualKeyCode;
    }
}
