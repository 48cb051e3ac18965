package dev.agentd.cli;

/** Quotes a word the way a POSIX shell reads it back, so a printed command line can be pasted. */
final class ShellWord {
    private ShellWord() {}

    /**
     * The word itself when it has no whitespace and no quotes; otherwise wrapped in {@code '...'},
     * an embedded {@code '} written as {@code '\''}. The empty word is {@code ''}, so it stays visible.
     */
    static String quote(String word) {
        if (!word.isEmpty() && !needsQuotes(word)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean needsQuotes(String word) {
        return word.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"');
    }
}
