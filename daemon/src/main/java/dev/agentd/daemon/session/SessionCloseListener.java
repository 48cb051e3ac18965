package dev.agentd.daemon.session;

/**
 * A step of the cleanup on close (core §5.1). Features register theirs at start-up; they run in
 * registration order, which the daemon wiring keeps equal to the order of §5.1.
 */
@FunctionalInterface
public interface SessionCloseListener {
    /** @param shutdown true during daemon shutdown (core §15 step 4: no grace timers) */
    void onClose(ClientSession session, boolean shutdown);
}
