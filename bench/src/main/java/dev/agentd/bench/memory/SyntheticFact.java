package dev.agentd.bench.memory;

import dev.agentd.memgine.FactInput;
import java.util.List;

/**
 * One fact of {@code synth-v1}, with an explicit id ({@code synth-<n>}, n from 1) so supersession
 * and dependency references are stable.
 *
 * @param supersedes the id of the earlier valid fact with the same subject it replaces, or null
 * @param dependsOn the earlier fact it depends on, or empty
 */
public record SyntheticFact(String id, String subject, String body, String supersedes, List<String> dependsOn) {
    public SyntheticFact {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The {@code memory.add_fact} input over WebSocket, as the daemon's handler builds it. */
    public FactInput toInput() {
        return FactInput.builder(FactInput.Source.WEBSOCKET, subject, body)
                .id(id)
                .supersedes(supersedes)
                .dependsOn(dependsOn)
                .build();
    }
}
