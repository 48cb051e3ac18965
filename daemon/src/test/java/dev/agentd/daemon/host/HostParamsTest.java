package dev.agentd.daemon.host;

import static dev.agentd.daemon.host.HostStateTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.daemon.rpc.ParamsDecoder;
import dev.agentd.protocol.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Params decoding and the field limits of host §2–§4, as -32602 messages. */
class HostParamsTest {

    @Test
    void currentTaskDistinguishesAbsentNullAndAString() {
        assertThat(decode("{\"agent_id\":\"a\",\"status\":\"idle\"}", SetStatusParams.class).taskAfter("old")).isEqualTo("old");
        assertThat(decode("{\"agent_id\":\"a\",\"status\":\"idle\",\"current_task\":null}", SetStatusParams.class).taskAfter("old")).isNull();
        assertThat(decode("{\"agent_id\":\"a\",\"status\":\"idle\",\"current_task\":\"new\"}", SetStatusParams.class).taskAfter("old"))
                .isEqualTo("new");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"agent_id\":\"a\",\"status\":\"sleeping\"}                    | invalid params: 'status' must be one of completed, errored, idle, paused, running, stopped, waiting_for_approval (got 'sleeping')",
            "{\"agent_id\":\"a\"}                                            | invalid params: 'status' is required",
            "{\"status\":\"idle\"}                                           | invalid params: 'agent_id' is required",
            "{\"agent_id\":\"a\",\"status\":\"idle\",\"current_task\":5}     | invalid params: 'current_task' must be a string or null",
            "{\"agent_id\":\"a\",\"status\":\"idle\",\"payload\":[1]}        | invalid params: 'payload' must be an object",
            "{\"agent_id\":\"a\",\"status\":7}                               | invalid params: 'status' must be a string"})
    void setStatusRejects(String params, String message) {
        assertInvalid(params, SetStatusParams.class, message);
    }

    @Test
    void registrationDefaultsOmittedFields() {
        RegisterAgentParams params = decode("{\"name\":\"n\",\"kind\":\"k\",\"display\":null}", RegisterAgentParams.class);

        assertThat(params.id()).isNull();
        assertThat(params.capabilities()).isEmpty();
        assertThat(params.display()).isNull();
        assertThat(params.metadata()).isEqualTo(json("{}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"k\"}                                      | invalid params: 'name' is required",
            "{\"name\":\"\",\"kind\":\"k\"}                        | invalid params: 'name' must be 1 to 256 characters (got 0)",
            "{\"name\":\"n\"}                                      | invalid params: 'kind' is required",
            "{\"id\":\"has space\",\"name\":\"n\",\"kind\":\"k\"}  | invalid params: 'id' must be 1 to 128 characters of [A-Za-z0-9._:-]",
            "{\"id\":\"\",\"name\":\"n\",\"kind\":\"k\"}           | invalid params: 'id' must be 1 to 128 characters of [A-Za-z0-9._:-]",
            "{\"name\":\"n\",\"kind\":\"k\",\"pid\":0}             | invalid params: 'pid' must be from 1 to 2147483647 (got 0)",
            "{\"name\":\"n\",\"kind\":\"k\",\"pid\":2147483648}    | invalid params: 'pid' must be from 1 to 2147483647 (got 2147483648)",
            "{\"name\":\"n\",\"kind\":\"k\",\"capabilities\":[\"\"]} | invalid params: 'capabilities[0]' must be 1 to 64 characters (got 0)",
            "{\"name\":\"n\",\"kind\":\"k\",\"capabilities\":[1]}  | invalid params: 'capabilities[0]' must be a string",
            "{\"name\":\"n\",\"kind\":\"k\",\"display\":\"x\"}     | invalid params: 'display' must be an object",
            "{\"name\":\"n\",\"kind\":\"k\",\"metadata\":[]}       | invalid params: 'metadata' must be an object"})
    void registrationRejects(String params, String message) {
        assertInvalid(params, RegisterAgentParams.class, message);
    }

    @Test
    void registrationLimitsLengthsEntriesAndObjectSizes() {
        String name257 = "n".repeat(257);
        String id128 = "i".repeat(128);
        String blob = "x".repeat(70 * 1024);

        assertThat(decode("{\"id\":\"" + id128 + "\",\"name\":\"" + "n".repeat(256) + "\",\"kind\":\"k\"}", RegisterAgentParams.class).id())
                .isEqualTo(id128);
        assertInvalid("{\"name\":\"" + name257 + "\",\"kind\":\"k\"}", RegisterAgentParams.class,
                "invalid params: 'name' must be 1 to 256 characters (got 257)");
        assertInvalid("{\"id\":\"" + id128 + "i\",\"name\":\"n\",\"kind\":\"k\"}", RegisterAgentParams.class,
                "invalid params: 'id' must be 1 to 128 characters of [A-Za-z0-9._:-]");
        assertInvalid("{\"name\":\"n\",\"kind\":\"k\",\"capabilities\":[" + "\"c\",".repeat(64) + "\"c\"]}", RegisterAgentParams.class,
                "invalid params: 'capabilities' must have at most 64 entries (got 65)");
        assertInvalid("{\"name\":\"n\",\"kind\":\"k\",\"metadata\":{\"blob\":\"" + blob + "\"}}", RegisterAgentParams.class,
                "invalid params: 'metadata' must be at most 65536 bytes serialized (got 71691)");
        assertInvalid("{\"name\":\"n\",\"kind\":\"k\",\"project\":\"" + "p".repeat(4097) + "\"}", RegisterAgentParams.class,
                "invalid params: 'project' must be at most 4096 characters (got 4097)");
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(256);

        assertThat(decode("{\"name\":\"" + emoji + "\",\"kind\":\"k\"}", RegisterAgentParams.class).name()).isEqualTo(emoji);
    }

    @Test
    void notifyDefaultsItsKindAndPayload() {
        NotifyParams params = decode("{}", NotifyParams.class);

        assertThat(params.kind()).isEqualTo("host.notification");
        assertThat(params.payload()).isEqualTo(json("{}"));
        assertThat(params.agentId()).isNull();
        assertThat(params.message()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent.x", "approval.resolved", "device.added", "browser.opened"})
    void notifyRefusesReservedKinds(String kind) {
        assertInvalid("{\"kind\":\"" + kind + "\"}", NotifyParams.class, "invalid params: kind '" + kind + "' is reserved");
    }

    @Test
    void notifyLimitsKindAndMessage() {
        assertThat(decode("{\"kind\":\"build.finished\"}", NotifyParams.class).kind()).isEqualTo("build.finished");
        assertInvalid("{\"kind\":\"\"}", NotifyParams.class, "invalid params: 'kind' must be 1 to 64 characters (got 0)");
        assertInvalid("{\"message\":\"" + "m".repeat(4097) + "\"}", NotifyParams.class,
                "invalid params: 'message' must be at most 4096 characters (got 4097)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                             | invalid params: 'title' is required",
            "{\"title\":\"t\",\"required_approvals\":0}     | invalid params: 'required_approvals' must be from 1 to 16 (got 0)",
            "{\"title\":\"t\",\"required_approvals\":17}    | invalid params: 'required_approvals' must be from 1 to 16 (got 17)",
            "{\"title\":\"t\",\"context\":\"x\"}            | invalid params: 'context' must be an object"})
    void approvalRequestsReject(String params, String message) {
        assertInvalid(params, RequestApprovalParams.class, message);
    }

    @Test
    void approvalTitlesHoldUpTo1024Characters() {
        assertThat(decode("{\"title\":\"" + "t".repeat(1024) + "\"}", RequestApprovalParams.class).requiredApprovals()).isEqualTo(1);
        assertInvalid("{\"title\":\"" + "t".repeat(1025) + "\"}", RequestApprovalParams.class,
                "invalid params: 'title' must be 1 to 1024 characters (got 1025)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"approval_id\":\"a\",\"approved\":true}                          | true",
            "{\"approval_id\":\"a\",\"approved\":false}                         | false",
            "{\"approval_id\":\"a\",\"resolution\":\"approve\"}                 | true",
            "{\"approval_id\":\"a\",\"resolution\":\"deny\"}                    | false",
            "{\"approval_id\":\"a\",\"approved\":true,\"resolution\":\"deny\"}  | true",
            "{\"approval_id\":\"a\",\"approved\":false,\"resolution\":\"maybe\"} | false"})
    void approvedWinsOverResolution(String params, boolean approves) {
        assertThat(decode(params, ResolveApprovalParams.class).approves()).isEqualTo(approves);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"approval_id\":\"a\"}                           | invalid params: 'approved' or 'resolution' is required",
            "{\"approval_id\":\"a\",\"approved\":null}         | invalid params: 'approved' or 'resolution' is required",
            "{\"approval_id\":\"a\",\"resolution\":\"maybe\"}  | invalid params: 'resolution' must be 'approve' or 'deny' (got 'maybe')",
            "{\"approved\":true}                               | invalid params: 'approval_id' is required"})
    void resolutionsReject(String params, String message) {
        assertInvalid(params, ResolveApprovalParams.class, message);
    }

    @ParameterizedTest
    @CsvSource({"{}, 100", "{\"limit\":0}, 0", "{\"limit\":3}, 3", "{\"limit\":1000}, 1000", "{\"limit\":5000}, 1000",
            "{\"limit\":9999999999999}, 1000"})
    void eventLimitsDefaultAndCap(String params, int effective) {
        assertThat(decode(params, EventsParams.class).effectiveLimit()).isEqualTo(effective);
    }

    @Test
    void aNegativeEventLimitIsInvalid() {
        assertInvalid("{\"limit\":-1}", EventsParams.class, "invalid params: 'limit' must be >= 0 (got -1)");
        assertInvalid("{\"limit\":1.5}", EventsParams.class, "invalid params: 'limit' must be an integer");
    }

    private static <T> T decode(String params, Class<T> type) {
        return ParamsDecoder.decode(json(params), type);
    }

    private static void assertInvalid(String params, Class<?> type, String message) {
        assertThatThrownBy(() -> decode(params, type))
                .isInstanceOf(RpcException.class)
                .hasMessage(message)
                .extracting(error -> ((RpcException) error).code()).isEqualTo(-32602);
    }
}
