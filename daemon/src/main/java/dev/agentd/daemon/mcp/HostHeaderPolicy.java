package dev.agentd.daemon.mcp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anti-DNS-rebinding check of mcp §6: exactly one {@code Host} header whose hostname is
 * {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (any port), or the {@code --host} bind
 * address when that is not loopback. A rebinding attack reaches the daemon with the attacker's
 * hostname in {@code Host}, which is refused here before any credential is looked at.
 */
public final class HostHeaderPolicy {
    private static final Pattern HOST = Pattern.compile("^([^:\\[\\]]+|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?$");
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final String bindHost;

    /** @param bindAddress the configured {@code --host}: an IP literal or {@code localhost} */
    public HostHeaderPolicy(String bindAddress) {
        String host = bindAddress.toLowerCase(Locale.ROOT);
        this.bindHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public boolean allows(List<String> hostHeaders) {
        if (hostHeaders.size() != 1) {
            return false;
        }
        Matcher matcher = HOST.matcher(hostHeaders.get(0).trim());
        if (!matcher.matches()) {
            return false;
        }
        String port = matcher.group(2);
        if (port != null && Integer.parseInt(port) > 65535) {
            return false;
        }
        String host = matcher.group(1).toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(host) || host.equals(bindHost);
    }
}
