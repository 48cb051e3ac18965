package dev.agentd.daemon.transport;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.rpc.ConnectionDispatcher;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.daemon.session.Principal;
import dev.agentd.protocol.RpcException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher through its Netty handler, on an {@link io.netty.channel.embedded.EmbeddedChannel}
 * with a hand-driven worker pool: ordering, batches, gates, the in-flight cap, barriers and
 * deadlines, each observed on the frames written.
 */
class WebSocketRpcHandlerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private final List<String> started = new ArrayList<>();
    private RpcChannel rpc;

    private MethodRegistry methods() {
        return new MethodRegistry()
                .register(RpcMethod.of("echo", Execution.INLINE, call -> call.params()))
                .register(RpcMethod.of("work", Execution.WORKER, call -> {
                    started.add(call.params().path("tag").asText());
                    return Map.of("tag", call.params().path("tag").asText());
                }))
                .register(RpcMethod.of("serial", Execution.SERIAL, call -> {
                    started.add(call.params().path("tag").asText());
                    return Map.of("tag", call.params().path("tag").asText());
                }))
                .register(RpcMethod.of("fail", Execution.INLINE, call -> {
                    throw new IllegalStateException("boom");
                }))
                .register(RpcMethod.of("login", Execution.WORKER, call -> {
                    call.session().principal(Principal.CLIENT);
                    return Map.of("ok", true);
                }).asBarrier())
                .register(RpcMethod.of("session.auth", Execution.WORKER, call -> {
                    if (!call.params().path("token").asText().equals("right")) {
                        throw new RpcException(-32603, "auth failed: token mismatch");
                    }
                    call.session().principal(Principal.CLIENT);
                    return Map.of("ok", true);
                }).asBarrier())
                .register(RpcMethod.of("admin", Execution.INLINE, call -> "done").hostRoleRequired())
                .register(RpcMethod.of("subscribe", Execution.INLINE, call -> "subscribed").handshakeRequired());
    }

    private RpcChannel open(boolean authEnabled) {
        rpc = new RpcChannel(methods(), authEnabled, DEADLINE);
        return rpc;
    }

    @AfterEach
    void noLeakedFrames() {
        rpc.assertNothingWritten();
        assertFalse(rpc.channel.finish());
    }

    @Test
    void inlineRequestIsAnsweredWithTheExactEnvelope() {
        open(false).send("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"echo\",\"params\":{\"a\":[1,2]}}");
        assertThatJson(rpc.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"a\":[1,2]}}");
    }

    @Test
    void workerResultsAreWrittenWhenTheyComplete() {
        open(false).send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"work\",\"params\":{\"tag\":\"slow\"}}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"work\",\"params\":{\"tag\":\"fast\"}}");
        rpc.assertNothingWritten();
        rpc.workers.runLast();
        rpc.settle();
        assertThatJson(rpc.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tag\":\"fast\"}}");
        rpc.workers.runLast();
        rpc.settle();
        assertThatJson(rpc.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tag\":\"slow\"}}");
    }

    @Test
    void serialMethodsRunOneAtATimeInArrivalOrderWhileOthersRunFreely() {
        open(false).send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"serial\",\"params\":{\"tag\":\"first\"}}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"serial\",\"params\":{\"tag\":\"second\"}}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"work\",\"params\":{\"tag\":\"free\"}}");
        assertThat(rpc.workers.queued()).as("one lane task for both serial calls, one for the free call").isEqualTo(2);
        rpc.workers.runLast();
        assertThat(started).containsExactly("free");
        rpc.workers.runNext();
        assertThat(started).containsExactly("free", "first", "second");
        rpc.settle();
        assertThat(List.of(rpc.next().get("id").asInt(), rpc.next().get("id").asInt(), rpc.next().get("id").asInt()))
                .containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void unexpectedExceptionsBecomeAnInternalErrorWithARef() {
        open(false).send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fail\"}");
        JsonNode error = rpc.next().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32603);
        assertThat(error.get("message").asText()).matches("internal error \\(ref [0-9a-f]{8}\\)");
    }

    @Test
    void batchRepliesInRequestOrderWhateverTheCompletionOrder() {
        open(false).send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"work\",\"params\":{\"tag\":\"a\"}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"work\",\"params\":{\"tag\":\"n\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{}},"
                + "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"echo\"}]");
        rpc.workers.runLast();
        rpc.settle();
        rpc.assertNothingWritten();
        rpc.workers.runLast();
        rpc.settle();
        assertThatJson(rpc.next()).isEqualTo("""
                [{"jsonrpc":"2.0","id":1,"result":{"tag":"a"}},
                 {"jsonrpc":"2.0","id":2,"result":{}},
                 {"jsonrpc":"2.0","id":3,"error":{"code":-32600,"message":"invalid request: jsonrpc must be \\"2.0\\""}}]""");
    }

    @Test
    void notificationOnlyBatchGetsNoReply() {
        open(false).send("[{\"jsonrpc\":\"2.0\",\"method\":\"echo\"},{\"jsonrpc\":\"2.0\",\"method\":\"work\"}]");
        rpc.workers.runAll();
        rpc.settle();
        assertThat(started).hasSize(1);
    }

    @Test
    void unauthenticatedCallGetsAuthRequiredThenClose1008AndNothingElse() {
        open(true).sendInOneRead("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope.unknown\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\"}");
        assertThatJson(rpc.next()).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32001,
                 "message":"auth required: call session.auth with a valid token first"}}""");
        CloseWebSocketFrame close = rpc.nextClose();
        assertThat(close.statusCode()).isEqualTo(1008);
        close.release();
        assertThat(rpc.channel.isActive()).isFalse();
    }

    @Test
    void batchHittingTheAuthGateKeepsEarlierResultsAndFailsTheRest() {
        open(true).send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.auth\",\"params\":{\"token\":\"wrong\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\"}]");
        rpc.workers.runAll();
        rpc.settle();
        assertThatJson(rpc.next()).isEqualTo("""
                [{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"auth failed: token mismatch"}},
                 {"jsonrpc":"2.0","id":2,"error":{"code":-32001,"message":"auth required: call session.auth with a valid token first"}},
                 {"jsonrpc":"2.0","id":3,"error":{"code":-32001,"message":"auth required: call session.auth with a valid token first"}}]""");
        CloseWebSocketFrame close = rpc.nextClose();
        assertThat(close.statusCode()).isEqualTo(1008);
        close.release();
    }

    @Test
    void barrierHoldsLaterRequestsUntilItsReplyIsWritten() {
        open(false).send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login\"}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{\"after\":true}}");
        rpc.assertNothingWritten();
        rpc.workers.runNext();
        rpc.settle();
        assertThatJson(rpc.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}");
        assertThatJson(rpc.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"after\":true}}");
    }

    @Test
    void roleAndHandshakeGatesComeAfterMethodLookup() {
        open(true);
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"session.auth\",\"params\":{\"token\":\"right\"}}");
        rpc.workers.runAll();
        rpc.settle();
        rpc.next();
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"admin\"}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscribe\"}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no.such\"}");
        assertThatJson(rpc.next()).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"host role required: admin\"}}");
        assertThatJson(rpc.next().get("error")).isObject().containsEntry("code", -32005);
        assertThatJson(rpc.next()).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,\"message\":\"method not found: no.such\"}}");
    }

    @Test
    void inFlightCapStopsReadingAndDispatchesAsSlotsFree() {
        open(false);
        for (int i = 0; i < 300; i++) {
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"work\",\"params\":{\"tag\":\"" + i + "\"}}");
        }
        assertThat(rpc.workers.queued()).isEqualTo(ConnectionDispatcher.MAX_IN_FLIGHT);
        assertThat(rpc.channel.config().isAutoRead()).isFalse();
        for (int i = 0; i < 10; i++) {
            rpc.workers.runNext();
        }
        rpc.settle();
        assertThat(rpc.workers.queued()).isEqualTo(ConnectionDispatcher.MAX_IN_FLIGHT);
        rpc.workers.runAll();
        rpc.settle();
        rpc.workers.runAll();
        rpc.settle();
        for (int i = 0; i < 300; i++) {
            assertThat(rpc.next().get("id").asInt()).isEqualTo(i);
        }
        assertThat(rpc.channel.config().isAutoRead()).isTrue();
    }

    @Test
    void expiredDeadlineAnswers32004AndDiscardsTheLateResult() {
        open(false).send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"work\",\"params\":{\"tag\":\"late\"}}");
        rpc.channel.advanceTimeBy(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        rpc.channel.runScheduledPendingTasks();
        rpc.settle();
        assertThatJson(rpc.next()).isEqualTo("""
                {"jsonrpc":"2.0","id":9,"error":{"code":-32004,
                 "message":"handler 'work' exceeded its 3s response deadline; the outcome is unknown"}}""");
        rpc.workers.runAll();
        rpc.settle();
        assertThat(started).as("the cancelled handler never ran").isEmpty();
    }

    @Test
    void shuttingDownAnswersNewRequestsWithoutRunningThem() {
        open(false).shuttingDown.set(true);
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"work\"}");
        assertThatJson(rpc.next()).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"daemon shutting down\"}}");
        assertThat(started).isEmpty();
    }

    @Test
    void oversizedMessageIsAnsweredAndTheConnectionKept() {
        open(false).channel.writeInbound(new MessageAssembler.Oversized(1024));
        assertThatJson(rpc.next()).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32600,
                 "message":"invalid request: message exceeds the 1024-byte limit"}}""");
        rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
        assertThat(rpc.next().get("result")).isNotNull();
    }
}
