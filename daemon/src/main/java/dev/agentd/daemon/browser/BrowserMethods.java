package dev.agentd.daemon.browser;

import dev.agentd.browser.Trace;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;

/**
 * {@code browser.run} and {@code browser.close} (browser §2): thin adapters over
 * {@link BrowserService}. Both block (launch, page loads, waits, the slot lock), so both run on
 * the worker pool; the handler deadline interrupts a run at its next wait and keeps the browser.
 * Open to every authenticated connection, without a handshake (browser §2.1, core §9).
 */
public final class BrowserMethods {
    private final BrowserService browsers;

    public BrowserMethods(BrowserService browsers) {
        this.browsers = browsers;
    }

    public void registerAll(MethodRegistry methods) {
        methods.register(RpcMethod.of("browser.run", Execution.SERIAL, this::run))
                .register(RpcMethod.of("browser.close", Execution.SERIAL, this::close));
    }

    /** The result of {@code browser.close}: whether a browser existed and has been shut down. */
    public record CloseResult(boolean closed) {}

    private Trace run(RpcCall call) throws InterruptedException {
        return browsers.run(call.session(), call.params());
    }

    private CloseResult close(RpcCall call) throws InterruptedException {
        return new CloseResult(browsers.close(call.session()));
    }
}
