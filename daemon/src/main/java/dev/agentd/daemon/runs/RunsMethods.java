package dev.agentd.daemon.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.daemon.state.PathEncoding;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code runs.*} methods (runs §3): params validation, then {@link RunService}. All run on the
 * worker pool — every write is forced to disk before the reply.
 */
public final class RunsMethods {
    private static final Logger log = LoggerFactory.getLogger(RunsMethods.class);
    static final String RECORD_TURNS_USAGE = "runs.record_turns requires { run_id, turns: [RunTurn] }";
    static final int MAX_TEXT = 16_384;
    static final int MAX_ENCODED_ID = 200;
    static final int MAX_BATCH = 256;
    static final int MAX_OUTCOME_BYTES = 256 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RunService runs;

    public RunsMethods(RunService runs) {
        this.runs = runs;
    }

    public void registerAll(MethodRegistry methods) {
        methods.register(RpcMethod.of("runs.start", Execution.WORKER, this::start))
                .register(RpcMethod.of("runs.record_turns", Execution.WORKER, this::recordTurns))
                .register(RpcMethod.of("runs.complete", Execution.WORKER, this::complete))
                .register(RpcMethod.of("runs.subscribe", Execution.WORKER, this::subscribe))
                .register(RpcMethod.of("runs.unsubscribe", Execution.WORKER, this::unsubscribe))
                .register(RpcMethod.of("runs.list", Execution.WORKER, this::list))
                .register(RpcMethod.of("runs.get_trace", Execution.WORKER, this::getTrace));
    }

    record StartParams(String intent, @JsonProperty("agent_id") String agentId,
            @JsonProperty("agent_name") String agentName,
            @JsonProperty("outcome_description") String outcomeDescription,
            @JsonProperty("idempotency_key") String idempotencyKey) {
        StartParams {
            if (intent == null || intent.isEmpty() || intent.length() > MAX_TEXT) {
                throw new IllegalArgumentException("intent must have 1 to " + MAX_TEXT + " characters");
            }
            if (agentId != null) {
                checkAgentId(agentId);
            }
            if (agentName != null && (agentName.isEmpty() || agentName.length() > 256)) {
                throw new IllegalArgumentException("agent_name must have 1 to 256 characters");
            }
            if (outcomeDescription != null && outcomeDescription.length() > MAX_TEXT) {
                throw new IllegalArgumentException("outcome_description must have at most " + MAX_TEXT + " characters");
            }
            if (idempotencyKey != null && (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()
                    || idempotencyKey.equals(".") || idempotencyKey.equals("..")
                    || PathEncoding.enc(idempotencyKey).length() > MAX_ENCODED_ID)) {
                throw new IllegalArgumentException("idempotency_key must match [A-Za-z0-9._:-]{1,128}, not be '.' or '..', "
                        + "and encode to at most " + MAX_ENCODED_ID + " characters");
            }
        }
    }

    record RunIdParams(@JsonProperty("run_id") String runId) {
        RunIdParams {
            checkRunId(runId);
        }
    }

    record TraceParams(@JsonProperty("run_id") String runId, Integer cursor) {
        TraceParams {
            checkRunId(runId);
            if (cursor != null && cursor < 0) {
                throw new IllegalArgumentException("cursor must be >= 0");
            }
        }
    }

    record ListParams(@JsonProperty("agent_id") String agentId) {
        ListParams {
            if (agentId == null) {
                throw new IllegalArgumentException("agent_id is required");
            }
            checkAgentId(agentId);
        }
    }

    static void checkAgentId(String agentId) {
        if (agentId.isEmpty() || agentId.length() > 128 || agentId.equals(".") || agentId.equals("..")
                || agentId.chars().anyMatch(Character::isISOControl)
                || PathEncoding.enc(agentId).length() > MAX_ENCODED_ID) {
            throw new IllegalArgumentException("agent_id must have 1 to 128 characters without control characters, "
                    + "not be '.' or '..', and encode to at most " + MAX_ENCODED_ID + " characters");
        }
    }

    static void checkRunId(String runId) {
        if (runId == null || runId.isEmpty() || PathEncoding.enc(runId).length() > MAX_ENCODED_ID) {
            throw new IllegalArgumentException("run_id must be a non-empty string encoding to at most "
                    + MAX_ENCODED_ID + " characters");
        }
    }

    private RunService.StartResult start(RpcCall call) throws Exception {
        StartParams params = call.params(StartParams.class);
        return runs.start(call.session(), new RunService.StartParams(params.intent(), params.agentId(),
                params.agentName(), params.outcomeDescription(), params.idempotencyKey()));
    }

    private RunService.RecordResult recordTurns(RpcCall call) throws Exception {
        JsonNode params = call.params();
        String resolved = runs.resolveRunId(call.session(), runIdParam(params))
                .orElseThrow(() -> usage("no run_id and no current run on this connection"));
        JsonNode turns = params.get("turns");
        if (turns == null || !turns.isArray() || turns.isEmpty() || turns.size() > MAX_BATCH) {
            throw usage("turns must be an array of 1 to " + MAX_BATCH + " objects");
        }
        List<ObjectNode> fields = new ArrayList<>(turns.size());
        for (JsonNode turn : turns) {
            fields.add(TurnSanitizer.fields(turn).orElseThrow(() -> usage("a turn is not an object or has a bad field")));
        }
        return runs.recordTurns(call.session(), resolved, fields);
    }

    /** The {@code run_id} param: null when absent (the current run applies); -32602 when unusable. */
    private static String runIdParam(JsonNode params) {
        JsonNode runId = params.get("run_id");
        if (runId == null || runId.isNull()) {
            return null;
        }
        if (!runId.isTextual() || runId.textValue().isEmpty()
                || PathEncoding.enc(runId.textValue()).length() > MAX_ENCODED_ID) {
            throw usage("run_id is not a usable string");
        }
        return runId.textValue();
    }

    private static RpcException usage(String detail) {
        log.debug("runs.record_turns rejected: {}", detail);
        return new RpcException(-32602, RECORD_TURNS_USAGE);
    }

    private Map<String, Object> complete(RpcCall call) throws Exception {
        JsonNode params = call.params();
        JsonNode runIdNode = params.get("run_id");
        String runId = null;
        if (runIdNode != null && !runIdNode.isNull()) {
            if (!runIdNode.isTextual()) {
                throw RpcException.invalidParams("run_id must be a string");
            }
            checkRunIdOrInvalid(runIdNode.textValue());
            runId = runIdNode.textValue();
        }
        String resolved = runs.resolveRunId(call.session(), runId)
                .orElseThrow(() -> RpcException.invalidParams("run_id is required: this connection has no current run"));
        JsonNode outcome = params.get("outcome");
        checkOutcome(outcome);
        runs.complete(call.session(), resolved, outcome);
        return Map.of("run_id", resolved, "ok", true);
    }

    private static void checkRunIdOrInvalid(String runId) {
        try {
            checkRunId(runId);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(e.getMessage());
        }
    }

    private static void checkOutcome(JsonNode outcome) throws Exception {
        if (outcome == null || !outcome.isObject()) {
            throw RpcException.invalidParams("outcome must be an object");
        }
        JsonNode status = outcome.get("status");
        if (status == null || !status.isTextual() || status.textValue().isEmpty() || status.textValue().length() > 64) {
            throw RpcException.invalidParams("outcome.status must be a string of 1 to 64 characters");
        }
        if (Json.mapper().writeValueAsString(outcome).getBytes(StandardCharsets.UTF_8).length > MAX_OUTCOME_BYTES) {
            throw RpcException.invalidParams("outcome exceeds " + MAX_OUTCOME_BYTES + " bytes encoded");
        }
    }

    private RunService.SubscribeResult subscribe(RpcCall call) throws Exception {
        RunService.Subscription subscription = runs.subscribe(call.session(), call.params(RunIdParams.class).runId());
        call.afterReply(subscription.start()); // the snapshot reply precedes every event
        return subscription.result();
    }

    private Map<String, Object> unsubscribe(RpcCall call) {
        String runId = call.params(RunIdParams.class).runId();
        return Map.of("run_id", runId, "removed", runs.unsubscribe(call.session(), runId));
    }

    private RunService.ListResult list(RpcCall call) {
        return runs.list(call.session(), call.params(ListParams.class).agentId());
    }

    private JsonNode getTrace(RpcCall call) throws Exception {
        TraceParams params = call.params(TraceParams.class);
        return runs.getTrace(call.session(), params.runId(), params.cursor() == null ? 0 : params.cursor());
    }
}
