package dev.agentd.protocol.client;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment as clients read it (cli §2.2): a variable that is empty or only
 * whitespace counts as unset, and surrounding whitespace is trimmed.
 */
public record Environment(Map<String, String> variables) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The trimmed value of {@code name}, or empty when it is unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
