package dev.agentd.daemon.rpc;

import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a {@link Throwable} becomes a wire error (style §6). {@link RpcException}s pass
 * through; anything else is -32603 {@code internal error (ref <ref>)}, with the stack trace only
 * in the log, under the same ref.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    private static final SecureRandom REFS = new SecureRandom();

    private ErrorMapper() {}

    public static RpcError toError(Throwable failure, String method) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RpcException rpc) {
            return rpc.error();
        }
        String ref = newRef();
        log.error("unexpected failure in {} (ref {})", method, ref, cause);
        return new RpcError(ErrorCodes.INTERNAL_ERROR, "internal error (ref " + ref + ")");
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String newRef() {
        byte[] bytes = new byte[4];
        REFS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
