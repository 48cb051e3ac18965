package dev.agentd.daemon.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.core.AuthParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParamsDecoderTest {

    private static AuthParams decode(String json) throws Exception {
        return ParamsDecoder.decode(Json.mapper().readTree(json), AuthParams.class);
    }

    @Test
    void decodesAndIgnoresUnknownFields() throws Exception {
        AuthParams params = decode("{\"token\":\"t\",\"client_version\":\"1\",\"memory_namespace\":\"ns\"}");
        assertThat(params.token()).isEqualTo("t");
        assertThat(params.memoryNamespace()).isEqualTo("ns");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"token\":5}                          | invalid params: 'token' must be a string",
        "{\"token\":true}                       | invalid params: 'token' must be a string",
        "{\"host_token\":{}}                    | invalid params: 'host_token' must be a string",
        "{}                                     | invalid params: session.auth needs token or host_token",
        "{\"token\":\"a\",\"host_token\":\"b\"} | invalid params: token and host_token are mutually exclusive",
        "{\"host_token\":\"b\",\"agent_id\":\"x\"} | invalid params: agent_id goes with token, not host_token",
        "{\"token\":\"a\",\"memory_namespace\":\"\"} | invalid params: memory_namespace must not be empty",
    })
    void shapeErrorsAreInvalidParamsNamingTheProblem(String json, String message) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
