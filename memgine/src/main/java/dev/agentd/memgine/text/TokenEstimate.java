package dev.agentd.memgine.text;

/** {@code est(s) = max(1, ceil(len(s) / 4))} of memory §4, with {@code len} in UTF-16 code units. */
public final class TokenEstimate {
    private TokenEstimate() {}

    public static int of(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }
}
