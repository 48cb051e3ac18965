package dev.agentd.bench.load;

/** A bench connection could not be opened, upgraded, authenticated, negotiated or initialized. */
public final class SetupFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public SetupFailedException(String message) {
        super(message);
    }
}
