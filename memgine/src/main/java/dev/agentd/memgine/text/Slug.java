package dev.agentd.memgine.text;

import java.util.Locale;

/**
 * {@code slug(s)} of the core conventions: lowercase, every maximal run of characters outside
 * {@code [a-z0-9._-]} replaced by one {@code -}, leading and trailing {@code -} removed, cut to 96
 * characters, {@code fact} if empty. {@code "Deploy target!"} becomes {@code deploy-target}.
 */
public final class Slug {
    private static final int MAX_LENGTH = 96;

    private Slug() {}

    public static String of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean inRun = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                out.append(c);
                inRun = false;
            } else if (!inRun) {
                out.append('-');
                inRun = true;
            }
        }
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) == '-') {
            start++;
        }
        while (end > start && out.charAt(end - 1) == '-') {
            end--;
        }
        String slug = out.substring(start, end);
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
        }
        return slug.isEmpty() ? "fact" : slug;
    }
}
