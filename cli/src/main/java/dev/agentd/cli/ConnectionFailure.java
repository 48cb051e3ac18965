package dev.agentd.cli;

import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.ClientException;

/**
 * A {@link ClientException} or {@link RpcException} together with what the command was talking to
 * and at which stage, which {@link Failures} needs to word the message (cli §4.2, §8).
 */
final class ConnectionFailure extends RuntimeException {
    /** Where in the recipe the failure happened. */
    enum Stage {
        /** Steps 2–4 of cli §4.1: upgrade, {@code session.auth}, {@code server.handshake}. */
        CONNECT,
        /** The command's own request (id 3). */
        REQUEST,
        /** {@code GET /healthz} for {@code status}. */
        HEALTH
    }

    private final ConnectionTarget target;
    private final Stage stage;

    ConnectionFailure(ConnectionTarget target, Stage stage, RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
        this.target = target;
        this.stage = stage;
    }

    ConnectionTarget target() {
        return target;
    }

    Stage stage() {
        return stage;
    }
}
