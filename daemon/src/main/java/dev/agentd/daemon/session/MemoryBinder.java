package dev.agentd.daemon.session;

/**
 * The memory side of a principal switch (core §5 {@code boundMemgine}, §6.3): the graph a new
 * principal binds is opened before {@code session.auth} switches to it, so a graph that cannot be
 * loaded fails the call while the previous state is still untouched. The memory feature implements
 * it; the session package knows nothing of graphs.
 */
@FunctionalInterface
public interface MemoryBinder {
    /** No memory feature: nothing to open, nothing to install. */
    MemoryBinder NONE = (session, next) -> () -> { };

    /**
     * Opens the graph {@code next} binds, changing nothing about {@code session}. Throws an
     * {@link dev.agentd.protocol.RpcException} -32603 {@code memory graph could not be loaded:
     * <reason>} when it cannot.
     *
     * @return the step that makes that graph the session's bound graph; run when the principal
     *     switches
     */
    Runnable open(ClientSession session, Principal next);
}
