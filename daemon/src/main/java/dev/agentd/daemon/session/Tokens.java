package dev.agentd.daemon.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Token minting and comparison (core §6.3, §12). */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when no real token exists, so every failure costs the same. */
    private static final byte[] DUMMY = newToken().getBytes(StandardCharsets.UTF_8);

    private Tokens() {}

    /** 32 bytes from {@link SecureRandom}, base64url without padding: 43 characters. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Constant-time comparison of the UTF-8 bytes. A length mismatch still runs a comparison of
     * the same cost; a null {@code expected} (unknown agent) compares against a dummy token.
     */
    public static boolean matches(String presented, String expected) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        byte[] wanted = expected == null ? DUMMY : expected.getBytes(StandardCharsets.UTF_8);
        if (given.length != wanted.length) {
            MessageDigest.isEqual(wanted, wanted);
            return false;
        }
        return MessageDigest.isEqual(given, wanted) && expected != null;
    }
}
