package dev.agentd.daemon.session;

/**
 * Who a connection is after a successful {@code session.auth}. Replaced as a whole on re-auth
 * (core §6.3), so role, binding and namespace never mix two credentials.
 *
 * @param host            the host role (host token, or every connection under --no-auth)
 * @param agentId         the bound agent, or null
 * @param memoryNamespace the bound memory namespace, or null
 */
public record Principal(boolean host, String agentId, String memoryNamespace) {
    public static final Principal CLIENT = new Principal(false, null, null);
    public static final Principal HOST = new Principal(true, null, null);
}
