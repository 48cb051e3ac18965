package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The wire and manifest shape of an agent (agents §1). On the wire {@code token} is absent (it
 * lives only in the manifest and the child's environment) and {@code interpreter} is only ever an
 * input: the validator resolves it into {@code command}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "name", "command", "interpreter", "args", "cwd", "env", "restart", "max_restarts",
    "backoff_secs", "auto_start", "capabilities", "token"})
public record AgentSpec(
        String id,
        String name,
        String command,
        String interpreter,
        List<String> args,
        String cwd,
        Map<String, String> env,
        RestartPolicy restart,
        @JsonProperty("max_restarts") Integer maxRestarts,
        @JsonProperty("backoff_secs") Integer backoffSecs,
        @JsonProperty("auto_start") Boolean autoStart,
        List<String> capabilities,
        String token) {

    static final int DEFAULT_MAX_RESTARTS = 10;
    static final int DEFAULT_BACKOFF_SECS = 5;

    /** The spec with every default filled in (agents §1), as stored and listed. */
    AgentSpec withDefaults() {
        return new AgentSpec(id, name == null ? id : name, command, null,
                args == null ? List.of() : List.copyOf(args), cwd,
                env == null ? Map.of() : Map.copyOf(env),
                restart == null ? RestartPolicy.ON_FAILURE : restart,
                maxRestarts == null ? DEFAULT_MAX_RESTARTS : maxRestarts,
                backoffSecs == null ? DEFAULT_BACKOFF_SECS : backoffSecs,
                autoStart != null && autoStart,
                capabilities == null ? List.of() : List.copyOf(capabilities),
                token);
    }

    AgentSpec withCommand(String resolved) {
        return new AgentSpec(id, name, resolved, null, args, cwd, env, restart, maxRestarts, backoffSecs,
                autoStart, capabilities, token);
    }

    AgentSpec withToken(String newToken) {
        return new AgentSpec(id, name, command, interpreter, args, cwd, env, restart, maxRestarts, backoffSecs,
                autoStart, capabilities, newToken);
    }

    /** What the wire shows: never the token. */
    AgentSpec forWire() {
        return withToken(null);
    }

    boolean autoStarts() {
        return autoStart != null && autoStart;
    }

    @Override
    public String toString() {
        return "AgentSpec[" + id + ", " + command + "]"; // never the token or env values
    }
}
