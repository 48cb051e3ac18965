package dev.agentd.daemon.transport;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Origin check of core §1: a request without {@code Origin} passes (CLIs, SDKs); one
 * {@code Origin} naming a loopback host over http(s), with an optional port and no path, passes;
 * anything else — {@code null}, other schemes or hosts, a path, two headers — is refused.
 */
public final class OriginPolicy {
    private static final Pattern ORIGIN = Pattern.compile("^(https?)://([^/:\\[\\]]+|\\[[^\\]]+\\])(?::(\\d{1,5}))?$",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    private OriginPolicy() {}

    public static boolean allows(List<String> originHeaders) {
        if (originHeaders.isEmpty()) {
            return true;
        }
        if (originHeaders.size() > 1) {
            return false;
        }
        Matcher matcher = ORIGIN.matcher(originHeaders.get(0));
        if (!matcher.matches()) {
            return false;
        }
        String host = matcher.group(2).toLowerCase(Locale.ROOT);
        String port = matcher.group(3);
        return LOOPBACK_HOSTS.contains(host) && (port == null || Integer.parseInt(port) <= 65535);
    }
}
