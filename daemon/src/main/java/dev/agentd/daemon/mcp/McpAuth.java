package dev.agentd.daemon.mcp;

import dev.agentd.daemon.session.DaemonCredentials;
import dev.agentd.daemon.session.Tokens;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 4 of mcp §3 (mcp §5): a bearer daemon token, or a per-agent token marked by
 * {@code X-Agentd-Agent}; never the host token. Tokens are compared in constant time, and an
 * unknown agent is checked against a dummy token so it fails like a wrong one. A failure is logged
 * at WARN with the remote address and a reason class, never with what was presented.
 */
final class McpAuth {
    private static final Logger log = LoggerFactory.getLogger(McpAuth.class);
    private static final String BEARER = "bearer ";

    private final DaemonCredentials credentials;
    private final Function<String, Optional<String>> agentTokens;

    /**
     * @param credentials null under {@code --no-auth}: every caller is {@code anonymous}
     * @param agentTokens the per-agent token of an agent id, if that agent exists
     */
    McpAuth(DaemonCredentials credentials, Function<String, Optional<String>> agentTokens) {
        this.credentials = credentials;
        this.agentTokens = agentTokens;
    }

    /** The principal of a request with these header values; empty → 401. */
    Optional<McpPrincipal> authenticate(List<String> authorization, List<String> agentHeader, SocketAddress remote) {
        if (credentials == null) {
            return Optional.of(McpPrincipal.ANONYMOUS);
        }
        String token = bearerToken(authorization);
        if (token == null || agentHeader.size() > 1) {
            return rejected(remote, "missing");
        }
        if (agentHeader.isEmpty()) {
            return Tokens.matches(token, credentials.daemonToken()) ? Optional.of(McpPrincipal.DAEMON)
                    : rejected(remote, "mismatch");
        }
        String agentId = agentHeader.get(0).trim();
        Optional<String> expected = agentId.isEmpty() ? Optional.empty() : agentTokens.apply(agentId);
        if (!Tokens.matches(token, expected.orElse(null))) {
            return rejected(remote, expected.isPresent() ? "mismatch" : "unknown agent");
        }
        return Optional.of(McpPrincipal.agent(agentId));
    }

    private static String bearerToken(List<String> authorization) {
        if (authorization.size() != 1) {
            return null;
        }
        String value = authorization.get(0).trim();
        if (value.length() <= BEARER.length() || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = value.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static Optional<McpPrincipal> rejected(SocketAddress remote, String reason) {
        log.warn("mcp auth failed from {}: {}", remote, reason);
        return Optional.empty();
    }
}
