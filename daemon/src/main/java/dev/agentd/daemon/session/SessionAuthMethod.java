package dev.agentd.daemon.session;

import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.daemon.state.PathEncoding;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.core.AuthParams;
import dev.agentd.protocol.core.AuthResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code session.auth} (core §6): checks one credential form and replaces the connection's
 * principal as a whole. A barrier, so calls pipelined behind it see the new principal.
 *
 * <p>The agent-token form ({@code token + agent_id}) needs per-agent tokens, which the supervisor
 * mints; until an agent token is known for an id, that id verifies against a dummy token and
 * fails exactly like a wrong token (core §6.3).
 */
public final class SessionAuthMethod {
    private static final Logger log = LoggerFactory.getLogger(SessionAuthMethod.class);
    public static final String NAME = "session.auth";
    static final int MAX_FAILED_ATTEMPTS = 5;
    static final int MAX_ENCODED_NAMESPACE = 200;

    private final DaemonCredentials credentials;

    /** @param credentials null under {@code --no-auth} */
    public SessionAuthMethod(DaemonCredentials credentials) {
        this.credentials = credentials;
    }

    public RpcMethod method() {
        return RpcMethod.of(NAME, Execution.WORKER, this::authenticate).asBarrier();
    }

    private AuthResult authenticate(RpcCall call) {
        AuthParams params = call.params(AuthParams.class);
        String namespace = params.memoryNamespace();
        if (namespace != null && PathEncoding.enc(namespace).length() > MAX_ENCODED_NAMESPACE) {
            throw RpcException.invalidParams("memory_namespace is too long (at most "
                    + MAX_ENCODED_NAMESPACE + " characters once encoded)");
        }
        ClientSession session = call.session();
        return credentials == null ? acceptWithoutAuth(session, params) : verify(call, params);
    }

    /** core §6.5: any value is accepted; every connection keeps the host role. */
    private static AuthResult acceptWithoutAuth(ClientSession session, AuthParams params) {
        session.principal(new Principal(true, null, params.memoryNamespace()));
        String role = params.hostToken() != null ? AuthResult.HOST_ROLE : null;
        log.info("auth: {} without auth checks{}", session.clientId(), describe(role, params.memoryNamespace()));
        return new AuthResult(true, false, session.clientId(), null, role, params.memoryNamespace());
    }

    private AuthResult verify(RpcCall call, AuthParams params) {
        ClientSession session = call.session();
        boolean host = params.hostToken() != null;
        boolean matched;
        if (host) {
            matched = Tokens.matches(params.hostToken(), credentials.hostToken());
        } else if (params.agentId() != null) {
            matched = Tokens.matches(params.token(), null);
        } else {
            matched = Tokens.matches(params.token(), credentials.daemonToken());
        }
        if (!matched) {
            throw rejected(call, host ? "host token" : params.agentId() != null ? "agent token" : "daemon token");
        }
        session.principal(new Principal(host, null, params.memoryNamespace()));
        String role = host ? AuthResult.HOST_ROLE : null;
        log.info("auth: {} with the {} token{}", session.clientId(), host ? "host" : "daemon",
                describe(role, params.memoryNamespace()));
        return new AuthResult(true, true, session.clientId(), null, role, params.memoryNamespace());
    }

    /** A mismatch keeps the previous principal; the 5th one closes the connection with 1008. */
    private static RpcException rejected(RpcCall call, String form) {
        ClientSession session = call.session();
        int failures = session.recordFailedAuth();
        log.warn("auth failed: {} presented a wrong {} (attempt {} of {})", session.clientId(), form,
                failures, MAX_FAILED_ATTEMPTS);
        if (failures >= MAX_FAILED_ATTEMPTS) {
            call.afterReply(() -> session.connection().close(1008, "too many failed auth attempts"));
        }
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "auth failed: token mismatch");
    }

    private static String describe(String role, String namespace) {
        return (role == null ? "" : ", role " + role) + (namespace == null ? "" : ", namespace " + namespace);
    }
}
