package dev.agentd.daemon.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.protocol.ErrorCodes;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {

    private static EnvelopeParser.Message parse(String json) {
        return EnvelopeParser.parse(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    private static Envelope single(String json) {
        EnvelopeParser.Message message = parse(json);
        assertThat(message).isInstanceOf(EnvelopeParser.Message.Single.class);
        return ((EnvelopeParser.Message.Single) message).envelope();
    }

    @Test
    void requestWithoutParamsGetsAnEmptyObject() {
        Envelope envelope = single("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"m\"}");
        assertThat(envelope).isInstanceOfSatisfying(Envelope.Call.class, call -> {
            assertThat(call.id().textValue()).isEqualTo("a");
            assertThat(call.params().isObject()).isTrue();
            assertThat(call.params().isEmpty()).isTrue();
            assertThat(call.isNotification()).isFalse();
        });
    }

    @Test
    void nullParamsAreAnEmptyObjectAndNoIdIsANotification() {
        Envelope envelope = single("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":null}");
        assertThat(envelope).isInstanceOfSatisfying(Envelope.Call.class, call -> {
            assertThat(call.isNotification()).isTrue();
            assertThat(call.params().isEmpty()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}            | -32600 | 1",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}          | -32600 | null",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}           | -32600 | null",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}         | -32600 | null",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"\"}             | -32600 | 2",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":7}                | -32600 | 3",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"m\",\"params\":[1]}  | -32602 | 4",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"m\",\"params\":5}    | -32600 | 5",
        "{\"jsonrpc\":\"2.0\",\"id\":6}                             | -32600 | 6",
        "7                                                          | -32600 | null",
    })
    void invalidElementsAreAnsweredWithTheirCodeAndId(String json, int code, String id) {
        Envelope envelope = single(json);
        assertThat(envelope).isInstanceOfSatisfying(Envelope.Invalid.class, invalid -> {
            assertThat(invalid.error().code()).isEqualTo(code);
            assertThat(invalid.id().toString()).isEqualTo(id);
            assertThat(invalid.error().message()).startsWith(code == ErrorCodes.INVALID_PARAMS
                    ? "invalid params: " : "invalid request: ");
        });
    }

    @Test
    void responsesToServerRequestsAreIgnored() {
        assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1}")).isInstanceOf(Envelope.Ignored.class);
        assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{}}")).isInstanceOf(Envelope.Ignored.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"a\": | Unexpected end-of-input", "{} {} | Trailing token", "'' | empty message"})
    void malformedJsonIsAParseError(String json, String detail) {
        EnvelopeParser.Message message = parse(json);
        assertThat(message).isInstanceOfSatisfying(EnvelopeParser.Message.Rejected.class, rejected -> {
            assertThat(rejected.error().code()).isEqualTo(ErrorCodes.PARSE_ERROR);
            assertThat(rejected.error().message()).startsWith("parse error: ").contains(detail);
        });
    }

    @Test
    void nestingBeyond256LevelsIsAParseError() {
        String deep = "[".repeat(300) + "]".repeat(300);
        assertThat(parse(deep)).isInstanceOfSatisfying(EnvelopeParser.Message.Rejected.class,
                rejected -> assertThat(rejected.error().message()).startsWith("parse error: ").contains("nesting depth"));
    }

    @Test
    void batchesAreBoundedAndNonEmpty() {
        assertThat(parse("[]")).isInstanceOfSatisfying(EnvelopeParser.Message.Rejected.class,
                rejected -> assertThat(rejected.error().message()).isEqualTo("invalid request: empty batch"));
        String element = "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}";
        String big = "[" + String.join(",", java.util.Collections.nCopies(257, element)) + "]";
        assertThat(parse(big)).isInstanceOfSatisfying(EnvelopeParser.Message.Rejected.class,
                rejected -> assertThat(rejected.error().message()).isEqualTo("invalid request: batch exceeds 256 elements"));
        String full = "[" + String.join(",", java.util.Collections.nCopies(256, element)) + "]";
        assertThat(parse(full)).isInstanceOfSatisfying(EnvelopeParser.Message.Batch.class,
                batch -> assertThat(batch.elements()).hasSize(256));
    }
}
