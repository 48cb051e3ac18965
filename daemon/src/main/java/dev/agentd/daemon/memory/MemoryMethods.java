package dev.agentd.daemon.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.MethodHandler;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.memgine.DeleteResult;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.FactWriteResult;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.params.MemoryParams;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;
import java.util.Map;

/**
 * The {@code memory.*} methods (memory §3): thin adapters that read params with
 * {@link MemoryParams}, call {@link MemoryService} on the session's effective graph and shape the
 * CAR results. All run on the worker pool: even a read may wait on a graph lock held across a
 * journal fsync (core §3). {@code memory.intervene}, {@code evaluate}, {@code maintain} and
 * {@code utility_*} are later work and stay unregistered (-32601).
 */
public final class MemoryMethods {
    private final MemoryService memory;
    private final MemorySessions sessions;

    public MemoryMethods(MemoryService memory, MemorySessions sessions) {
        this.memory = memory;
        this.sessions = sessions;
    }

    /** {@code memory.add_fact} with any extension param: the minted id and the count. */
    public record FactIdResult(String id, @JsonProperty("fact_count") int factCount) {}

    public void registerAll(MethodRegistry methods) {
        register(methods, "memory.add_fact", this::addFact);
        register(methods, "memory.query", call -> memory.query(graph(call), MemoryParams.query(call.params())));
        register(methods, "memory.build_context",
                call -> memory.buildContext(graph(call), MemoryParams.buildContext(call.params())));
        register(methods, "memory.fact_count", call -> memory.factCount(graph(call)));
        register(methods, "memory.consolidate", call -> memory.consolidate(graph(call)));
        register(methods, "memory.delete", this::delete);
        register(methods, "memory.save_knowledge", call -> save(call, FactInput.Source.KNOWLEDGE));
        register(methods, "memory.save_procedural", call -> save(call, FactInput.Source.PROCEDURAL));
        register(methods, "memory.update_status", call -> memory.updateStatus(
                sessions.statusesOf(call.session()), MemoryParams.updateStatus(call.params())));
        register(methods, "memory.persist", call -> memory.persist(graph(call), MemoryParams.path(call.params())));
        register(methods, "memory.load", call -> memory.load(graph(call), MemoryParams.path(call.params())));
        register(methods, "memory.set_identity", this::setIdentity);
        register(methods, "memory.add_turn",
                call -> memory.addTurn(graph(call), MemoryParams.addTurn(call.params())));
        register(methods, "memory.set_environment",
                call -> memory.setEnvironment(graph(call), MemoryParams.setEnvironment(call.params())));
    }

    private static void register(MethodRegistry methods, String name, MethodHandler handler) {
        methods.register(RpcMethod.of(name, Execution.WORKER, call -> {
            try {
                return handler.handle(call);
            } catch (MemoryException e) {
                throw toRpcException(e);
            }
        }));
    }

    /** The CAR form (the bare count) unless an extension param asks for {@code {id, fact_count}} (memory §3.1). */
    private Object addFact(RpcCall call) {
        JsonNode params = call.params();
        FactInput fact = MemoryParams.addFact(params, FactInput.Source.WEBSOCKET);
        FactWriteResult written = memory.addFact(graph(call), fact);
        return MemoryParams.wantsObjectResult(params) ? new FactIdResult(written.id(), written.factCount())
                : written.factCount();
    }

    private FactWriteResult save(RpcCall call, FactInput.Source source) {
        return memory.addFact(graph(call), MemoryParams.save(call.params(), source));
    }

    private DeleteResult delete(RpcCall call) {
        String id = MemoryParams.deleteId(call.params());
        return memory.delete(graph(call), sessions.statusesOf(call.session()), id);
    }

    private Map<String, Boolean> setIdentity(RpcCall call) {
        memory.setIdentity(graph(call), MemoryParams.identityBody(call.params()));
        return Map.of("ok", true);
    }

    private GraphHandle graph(RpcCall call) {
        return sessions.graphOf(call.session());
    }

    private static RpcException toRpcException(MemoryException e) {
        boolean invalidParams = e.kind() == MemoryException.Kind.INVALID_PARAMS;
        return new RpcException(invalidParams ? ErrorCodes.INVALID_PARAMS : ErrorCodes.INTERNAL_ERROR, e.getMessage());
    }
}
