package dev.agentd.cli;

import dev.agentd.daemon.DaemonStartException;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.DaemonJson;
import dev.agentd.protocol.client.DiscoveryException;
import dev.agentd.protocol.client.TokenLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides how a command fails: exit code and stderr text for every situation
 * of cli §7 and §8. Commands throw; {@link Main} prints what {@link #describe} returns.
 *
 * <p>No message is built from a token value: tokens are only ever named by their source.
 */
final class Failures {
    static final String PREFIX = "agentd: ";

    static final int RUNTIME = 1;
    static final int USAGE = 2;
    static final int NOT_RUNNING = 3;

    private static final String TOKEN_MISMATCH = "auth failed: token mismatch";
    private static final String AUTH_REQUIRED = "auth required";

    private Failures() {}

    /** Maps anything a command threw to its exit code and message lines. */
    static CommandFailure describe(Throwable error) {
        if (error instanceof CommandFailure failure) {
            return failure;
        }
        if (error instanceof DiscoveryException discovery) {
            return fail(discovery.kind() == DiscoveryException.Kind.INVALID_SETTING ? USAGE : RUNTIME,
                    discovery.getMessage());
        }
        if (error instanceof ConnectionFailure connection) {
            return connectionFailure(connection);
        }
        return fail(RUNTIME, "unexpected error: " + error);
    }

    private static CommandFailure connectionFailure(ConnectionFailure failure) {
        String url = failure.target().url().toString();
        Throwable cause = failure.getCause();
        if (cause instanceof ClientException.DaemonUnreachable) {
            return noDaemon(failure);
        }
        if (cause instanceof ClientException.Timeout timeout) {
            return fail(RUNTIME, "timed out after " + timeout.seconds() + "s waiting for " + timeout.step()
                    + " from " + url);
        }
        if (cause instanceof ClientException.ConnectionClosed closed) {
            String reason = closed.reason() == null || closed.reason().isBlank() ? "" : " " + closed.reason();
            return fail(RUNTIME, "connection to " + url + " closed before a reply (" + closed.closeCode() + reason + ")");
        }
        if (cause instanceof ClientException client) {
            // UpgradeRejected, ProtocolMismatch, NotAgentdProtocol: their messages are the cli §8 texts.
            return fail(RUNTIME, client.getMessage());
        }
        if (cause instanceof RpcException rpc) {
            return rpcFailure(rpc, failure);
        }
        return fail(RUNTIME, "unexpected error: " + cause);
    }

    private static CommandFailure noDaemon(ConnectionFailure failure) {
        List<String> lines = new ArrayList<>();
        lines.add("no daemon at " + failure.target().url() + "; start one with `agentd serve`");
        DaemonJson published = failure.target().url().daemonJson();
        if (failure.stage() == ConnectionFailure.Stage.HEALTH && published != null) {
            lines.add("stale " + published.file() + " (pid "
                    + (published.pid() == null ? "unknown" : published.pid()) + " is not answering)");
        }
        return new CommandFailure(NOT_RUNNING, lines);
    }

    private static CommandFailure rpcFailure(RpcException error, ConnectionFailure failure) {
        TokenLookup token = failure.target().token();
        if (error.code() == ErrorCodes.AUTH_REQUIRED) {
            return token.found().isPresent() ? authRequired(error.getMessage()) : noTokenFound(token);
        }
        boolean authMismatch = failure.stage() == ConnectionFailure.Stage.CONNECT
                && error.code() == ErrorCodes.INTERNAL_ERROR
                && error.getMessage().startsWith(TOKEN_MISMATCH);
        if (authMismatch) {
            // Without a credential the CLI sent token "" only to bind --namespace: the real problem is the missing token.
            return token.found()
                    .map(credential -> new CommandFailure(RUNTIME, List.of(
                            TOKEN_MISMATCH + " (token from " + credential.source() + ")",
                            "the daemon at " + failure.target().url()
                                    + " was started with a different token; check AGENTD_TOKEN and AGENTD_HOME")))
                    .orElseGet(() -> noTokenFound(token));
        }
        return fail(RUNTIME, "error " + error.code() + ": " + error.getMessage());
    }

    private static CommandFailure noTokenFound(TokenLookup token) {
        return fail(RUNTIME, AUTH_REQUIRED + ": no token found (checked " + String.join(", ", token.checkedSources()) + ")");
    }

    /** The daemon's -32001 message already reads {@code auth required: ...}; it is not prefixed twice. */
    private static CommandFailure authRequired(String daemonMessage) {
        return fail(RUNTIME, daemonMessage.startsWith(AUTH_REQUIRED) ? daemonMessage : AUTH_REQUIRED + ": " + daemonMessage);
    }

    static CommandFailure startFailed(DaemonStartException error) {
        return fail(error.exitCode(), error.getMessage());
    }

    static CommandFailure invalidConfiguration(String message) {
        return fail(USAGE, message);
    }

    static CommandFailure rootNotADirectory(Path root) {
        return fail(USAGE, "state root " + root + " exists and is not a directory");
    }

    static CommandFailure unexpectedHealthAnswer(String httpBase, int status) {
        return fail(RUNTIME, "unexpected answer from " + httpBase + "/healthz (HTTP " + status + ")");
    }

    static CommandFailure didNotStop(long pid, long seconds) {
        return fail(RUNTIME, "daemon (pid " + pid + ") did not stop within " + seconds + "s");
    }

    static CommandFailure notJsonObject(String source) {
        return fail(USAGE, source + " is not a JSON object");
    }

    static CommandFailure invalidJson(String source, String detail) {
        return fail(USAGE, source + " is not valid JSON: " + detail);
    }

    static CommandFailure unreadableInput(String source, String reason) {
        return fail(USAGE, "cannot read " + source + ": " + reason);
    }

    static CommandFailure runNotFound(String runId) {
        return fail(RUNTIME, "run '" + runId + "' not found");
    }

    private static CommandFailure fail(int exitCode, String line) {
        return new CommandFailure(exitCode, List.of(line));
    }
}
