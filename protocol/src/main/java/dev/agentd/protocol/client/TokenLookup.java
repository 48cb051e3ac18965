package dev.agentd.protocol.client;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of token discovery: the credential found, if any, and every source that was
 * checked, in order, for the "no token found (checked ...)" message (cli §8).
 *
 * @param credential the credential to present, or null when no source held a token
 */
public record TokenLookup(Credential credential, List<String> checkedSources) {
    public TokenLookup {
        checkedSources = List.copyOf(checkedSources);
    }

    /** No credential is wanted at all (e.g. {@code status}). */
    public static TokenLookup none() {
        return new TokenLookup(null, List.of());
    }

    public Optional<Credential> found() {
        return Optional.ofNullable(credential);
    }
}
