package dev.agentd.daemon.e2e;

import static dev.agentd.daemon.e2e.HostSubscribeE2ETest.TIMESTAMP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.RpcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code host.notify} and {@code host.events} (host §4.3, §4.8): free-form events, reserved kinds,
 * the history window. A fresh daemon per test, so sequences start at 1. Covers host checks 19 and 20.
 */
class HostEventsE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    /** Check 19. */
    @Test
    void anEmptyNotifyRecordsAHostNotificationAndBroadcastsIt() {
        HostClient ui = HostClient.connect(agentd);
        ui.subscribe();

        JsonNode recorded = HostClient.connect(agentd).call("host.notify", "{}");

        assertThatJson(recorded).isEqualTo("""
                {"id":"${json-unit.regex}^event-[0-9a-f-]{36}$","sequence":1,"timestamp":"%s","kind":"host.notification",
                 "agent_id":null,"message":null,"payload":{}}""".formatted(TIMESTAMP));
        assertThat(ui.nextEvent()).isEqualTo(recorded);
    }

    @Test
    void aCustomKindCarriesTheCallersFields() {
        JsonNode recorded = HostClient.connect(agentd).call("host.notify", """
                {"kind":"build.finished","agent_id":"not-registered","message":"Build finished","payload":{"ok":true}}""");

        assertThatJson(recorded).isEqualTo("""
                {"id":"${json-unit.any-string}","sequence":1,"timestamp":"%s","kind":"build.finished",
                 "agent_id":"not-registered","message":"Build finished","payload":{"ok":true}}""".formatted(TIMESTAMP));
    }

    /** Check 19, the reserved prefixes. */
    @ParameterizedTest
    @ValueSource(strings = {"agent.x", "approval.requested", "device.paired", "browser.opened"})
    void reservedKindsAreInvalidParams(String kind) {
        RpcException error = HostClient.connect(agentd).error("host.notify", "{\"kind\":\"" + kind + "\"}");

        assertThat(error.code()).isEqualTo(-32602);
        assertThat(error.getMessage()).isEqualTo("invalid params: kind '" + kind + "' is reserved");
    }

    /** Check 20. */
    @Test
    void aLimitReturnsTheLatestEventsInAscendingOrder() {
        HostClient client = HostClient.connect(agentd);
        for (int i = 0; i < 10; i++) {
            client.call("host.notify", "{\"message\":\"m" + i + "\"}");
        }

        JsonNode latest = client.call("host.events", "{\"limit\":3}").get("events");

        assertThat(latest).extracting(event -> event.get("sequence").asLong()).containsExactly(8L, 9L, 10L);
        assertThat(latest).extracting(event -> event.get("message").asText()).containsExactly("m7", "m8", "m9");
        assertThatJson(client.call("host.events", "{\"limit\":0}")).isEqualTo("{\"events\":[]}");
        assertThat(client.call("host.events", "{}").get("events")).hasSize(10);
    }

    /** Check 20: the cap and the history bound; 1005 events are recorded over four connections. */
    @Test
    void aLimitAboveTheHistoryReturnsAtMostTheLatest1000() {
        List<HostClient> producers = IntStream.range(0, 4).mapToObj(i -> HostClient.connect(agentd)).toList();
        List<CompletableFuture<JsonNode>> calls = IntStream.range(0, 1005)
                .mapToObj(i -> producers.get(i % 4).rpc().callAsync("host.notify", HostClient.parse("{}")))
                .toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        JsonNode events = producers.get(0).call("host.events", "{\"limit\":5000}").get("events");

        assertThat(events).extracting(event -> event.get("sequence").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(6, 1005).boxed().toList());
        assertThat(producers.get(0).subscribe().get("events")).extracting(event -> event.get("sequence").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(906, 1005).boxed().toList());
    }

    /** Check 20. */
    @Test
    void aNegativeLimitIsInvalidParams() {
        RpcException error = HostClient.connect(agentd).error("host.events", "{\"limit\":-1}");

        assertThat(error.code()).isEqualTo(-32602);
        assertThat(error.getMessage()).startsWith("invalid params: 'limit'");
    }
}
