package dev.agentd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentd.protocol.RpcException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the error replies {@link dev.agentd.protocol.client.RpcClient} throws. */
public final class RpcAssertions {
    private RpcAssertions() {}

    /** The call must fail with exactly this code and message. */
    public static void assertRpcError(ThrowingCallable call, int code, String message) {
        RpcException error = rpcError(call);
        assertThat(error.code()).as("error code of '%s'", error.getMessage()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    /** The call must fail with this code and a message starting with {@code prefix}. */
    public static void assertRpcErrorStartsWith(ThrowingCallable call, int code, String prefix) {
        RpcException error = rpcError(call);
        assertThat(error.code()).as("error code of '%s'", error.getMessage()).isEqualTo(code);
        assertThat(error.getMessage()).startsWith(prefix);
    }

    private static RpcException rpcError(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("an error reply from the daemon").isInstanceOf(RpcException.class);
        return (RpcException) thrown;
    }
}
