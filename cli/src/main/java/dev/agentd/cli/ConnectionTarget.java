package dev.agentd.cli;

import dev.agentd.protocol.client.ClientTimeout;
import dev.agentd.protocol.client.DaemonUrl;
import dev.agentd.protocol.client.Environment;
import dev.agentd.protocol.client.StateRoot;
import dev.agentd.protocol.client.TokenLookup;
import dev.agentd.protocol.client.TokenSource;
import java.time.Duration;

/**
 * Step 1 of the connect recipe (cli §4.1): the state root, URL, credential and timeout a client
 * command uses, resolved once from its options and the environment.
 */
record ConnectionTarget(StateRoot root, DaemonUrl url, TokenLookup token, Duration timeout) {

    /** Which token a command presents (cli §3.3). */
    enum CredentialKind { NONE, DAEMON_TOKEN, HOST_TOKEN }

    /**
     * Settings are resolved before tokens, so a usage error (exit 2) wins over an unreadable token
     * file (exit 1).
     */
    /** The target of a daemon-token command (cli §3.3), from the process environment. */
    static ConnectionTarget forDaemonToken(ClientOptions options) {
        return resolve(options, CredentialKind.DAEMON_TOKEN, Environment.system());
    }

    static ConnectionTarget resolve(ClientOptions options, CredentialKind kind, Environment environment) {
        StateRoot root = StateRoot.resolve(options.home, environment);
        DaemonUrl url = DaemonUrl.resolve(options.url, environment, root);
        Duration timeout = ClientTimeout.resolve(environment);
        TokenLookup token = switch (kind) {
            case NONE -> TokenLookup.none();
            case DAEMON_TOKEN -> TokenSource.daemonToken(environment, root);
            case HOST_TOKEN -> TokenSource.hostToken(root);
        };
        return new ConnectionTarget(root, url, token, timeout);
    }
}
