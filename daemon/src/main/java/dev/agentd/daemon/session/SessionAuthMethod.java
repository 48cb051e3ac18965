package dev.agentd.daemon.session;

import dev.agentd.daemon.memory.GraphKey;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.daemon.state.PathEncoding;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.core.AuthParams;
import dev.agentd.protocol.core.AuthResult;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code session.auth} (core §6): checks one credential form and replaces the connection's
 * principal as a whole. A barrier, so calls pipelined behind it see the new principal.
 *
 * <p>The agent-token form ({@code token + agent_id}) checks the per-agent token the supervisor
 * minted; an unknown id verifies against a dummy token and fails exactly like a wrong token. The
 * binding is taken with one compare-and-set, so of N connections racing for an agent one wins.
 */
public final class SessionAuthMethod {
    private static final Logger log = LoggerFactory.getLogger(SessionAuthMethod.class);
    public static final String NAME = "session.auth";
    static final int MAX_FAILED_ATTEMPTS = 5;

    private final DaemonCredentials credentials;
    private final Function<String, Optional<String>> agentTokens;
    private final AgentBindings bindings;
    private final MemoryBinder memory;

    /**
     * @param credentials null under {@code --no-auth}
     * @param agentTokens the per-agent token of an agent id, if the agent exists
     * @param memory opens the graph a new principal binds, before the switch
     */
    public SessionAuthMethod(DaemonCredentials credentials, Function<String, Optional<String>> agentTokens,
            AgentBindings bindings, MemoryBinder memory) {
        this.credentials = credentials;
        this.agentTokens = agentTokens;
        this.bindings = bindings;
        this.memory = memory;
    }

    public RpcMethod method() {
        return RpcMethod.of(NAME, Execution.WORKER, this::authenticate).asBarrier();
    }

    private AuthResult authenticate(RpcCall call) {
        AuthParams params = call.params(AuthParams.class);
        String namespace = params.memoryNamespace();
        if (namespace != null && PathEncoding.enc(namespace).length() > GraphKey.MAX_ENCODED_NAMESPACE) {
            throw RpcException.invalidParams("memory_namespace is too long (at most "
                    + GraphKey.MAX_ENCODED_NAMESPACE + " characters once encoded)");
        }
        ClientSession session = call.session();
        return credentials == null ? acceptWithoutAuth(session, params) : verify(call, params);
    }

    /**
     * core §6.5: any value is accepted and every connection keeps the host role; an agent binds
     * only when its own token is presented, otherwise the call succeeds unbound.
     */
    private AuthResult acceptWithoutAuth(ClientSession session, AuthParams params) {
        String agentId = params.agentId() != null && agentTokenMatches(params) ? params.agentId() : null;
        switchPrincipal(session, new Principal(true, agentId, params.memoryNamespace()));
        String role = params.hostToken() != null ? AuthResult.HOST_ROLE : null;
        log.info("auth: {} without auth checks{}", session.clientId(), describe(role, agentId, params.memoryNamespace()));
        return new AuthResult(true, false, session.clientId(), agentId, role, params.memoryNamespace());
    }

    private AuthResult verify(RpcCall call, AuthParams params) {
        ClientSession session = call.session();
        boolean host = params.hostToken() != null;
        boolean matched;
        if (host) {
            matched = Tokens.matches(params.hostToken(), credentials.hostToken());
        } else if (params.agentId() != null) {
            matched = agentTokenMatches(params);
        } else {
            matched = Tokens.matches(params.token(), credentials.daemonToken());
        }
        if (!matched) {
            throw rejected(call, host ? "host token" : params.agentId() != null ? "agent token" : "daemon token");
        }
        switchPrincipal(session, new Principal(host, params.agentId(), params.memoryNamespace()));
        String role = host ? AuthResult.HOST_ROLE : null;
        log.info("auth: {} with the {} token{}", session.clientId(),
                host ? "host" : params.agentId() != null ? "agent" : "daemon",
                describe(role, params.agentId(), params.memoryNamespace()));
        return new AuthResult(true, true, session.clientId(), params.agentId(), role, params.memoryNamespace());
    }

    private boolean agentTokenMatches(AuthParams params) {
        String expected = agentTokens.apply(params.agentId()).orElse(null);
        return Tokens.matches(params.token(), expected);
    }

    /**
     * Replaces the principal as a whole (core §6.3): the new memory graph is opened and the new
     * agent binding acquired first, the old binding released after, so a failed switch (a graph
     * that cannot be loaded, an agent attached elsewhere) keeps the old state. A session whose
     * cleanup began meanwhile gives back what it just acquired.
     */
    private void switchPrincipal(ClientSession session, Principal next) {
        Principal previous = session.principal();
        Runnable bindMemory = memory.open(session, next);
        if (next.agentId() != null && !bindings.bind(next.agentId(), session)) {
            throw RpcException.internal("agent '" + next.agentId() + "' already attached on another connection");
        }
        session.principal(next);
        bindMemory.run();
        if (previous != null && previous.agentId() != null && !previous.agentId().equals(next.agentId())) {
            bindings.release(previous.agentId(), session);
        }
        if (session.closing() && next.agentId() != null) {
            bindings.release(next.agentId(), session);
        }
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

    private static String describe(String role, String agentId, String namespace) {
        return (role == null ? "" : ", role " + role) + (agentId == null ? "" : ", agent " + agentId)
                + (namespace == null ? "" : ", namespace " + namespace);
    }
}
