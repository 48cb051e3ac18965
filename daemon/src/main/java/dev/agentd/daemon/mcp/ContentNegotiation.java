package dev.agentd.daemon.mcp;

import java.util.List;
import java.util.Locale;

/**
 * Step 5 of mcp §3. An {@code Accept} entry covers a media type by exact match, {@code type/*} or
 * {@code *}{@code /*} (parameters and q-values are not weighed); no {@code Accept} counts as
 * {@code *}{@code /*}. {@code Content-Type} must be {@code application/json}, parameters allowed.
 */
final class ContentNegotiation {
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";

    private ContentNegotiation() {}

    static boolean accepts(List<String> acceptHeaders, String mediaType) {
        if (acceptHeaders.isEmpty()) {
            return true;
        }
        String major = mediaType.substring(0, mediaType.indexOf('/'));
        for (String header : acceptHeaders) {
            for (String entry : header.split(",")) {
                String range = bareType(entry);
                if (range.equals(mediaType) || range.equals("*/*") || range.equals(major + "/*")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isJson(String contentType) {
        return contentType != null && bareType(contentType).equals(JSON);
    }

    private static String bareType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
