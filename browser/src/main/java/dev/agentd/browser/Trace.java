package dev.agentd.browser;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of {@code browser.run} (browser §8.1); serialise it with the shared mapper.
 *
 * @param failedStep index of the first failed step; null (absent) when {@code ok}
 * @param skipped    steps not executed after a failure
 * @param mapId      the current element map after the call, or null
 * @param warnings   null (absent) when there are none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trace(
        boolean ok,
        List<TraceStep> steps,
        @JsonProperty("failed_step") Integer failedStep,
        int skipped,
        @JsonProperty("final_url") @JsonInclude(JsonInclude.Include.ALWAYS) String finalUrl,
        @JsonInclude(JsonInclude.Include.ALWAYS) String title,
        @JsonProperty("map_id") @JsonInclude(JsonInclude.Include.ALWAYS) String mapId,
        SessionInfo session,
        List<String> warnings,
        @JsonProperty("duration_ms") long durationMs) {

    public Trace {
        steps = List.copyOf(steps);
        warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
    }
}
