package dev.agentd.daemon.state;

import java.nio.charset.StandardCharsets;

/**
 * {@code enc(x)} of the core conventions: lowercase percent-encoding of the UTF-8 bytes where
 * only {@code a-z 0-9 - _ .} pass through — uppercase letters and {@code %} are encoded too, so
 * two ids that differ only in case never share a directory on a case-insensitive file system.
 */
public final class PathEncoding {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PathEncoding() {}

    public static String enc(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code fsname(x)}: {@code enc(x)} with a leading {@code .} written {@code %2e}. */
    public static String fsName(String value) {
        String encoded = enc(value);
        return encoded.startsWith(".") ? "%2e" + encoded.substring(1) : encoded;
    }
}
