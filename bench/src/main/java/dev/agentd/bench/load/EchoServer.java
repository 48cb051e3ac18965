package dev.agentd.bench.load;

/**
 * The bare Netty JSON-RPC peer agentd is measured against: same framing, {@code session.auth} and
 * {@code server.handshake} answered inline (see {@link EchoRpcHandler}). Binds 127.0.0.1 and
 * prints {@code echo listening on ws://127.0.0.1:<port>/} when it accepts connections; runs until
 * killed.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.load.EchoServer --port 0</pre>
 *
 * <p>{@code --threads 0} (the default) takes Netty's default number of event loops, as agentd does.
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) throws InterruptedException {
        LoopbackServer.run("EchoServer", "echo", "ws://%s/", args, EchoServerInitializer::new);
    }
}
