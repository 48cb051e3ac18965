package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.session.AgentBindings;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.testing.TestHooks;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The {@code agents.*} methods (agents §7): thin adapters that validate params and call the
 * {@link AgentSupervisor}. All run on the worker pool: they touch files and processes.
 */
public final class AgentsMethods {
    private final AgentSupervisor supervisor;
    private final AgentBindings bindings;
    private final TestHooks hooks;

    public AgentsMethods(AgentSupervisor supervisor, AgentBindings bindings, TestHooks hooks) {
        this.supervisor = supervisor;
        this.bindings = bindings;
        this.hooks = hooks;
    }

    public void registerAll(MethodRegistry methods) {
        methods.register(RpcMethod.of("agents.list", Execution.WORKER, call -> list()))
                .register(RpcMethod.of("agents.upsert", Execution.WORKER, this::upsert))
                .register(RpcMethod.of("agents.remove", Execution.WORKER, this::remove))
                .register(RpcMethod.of("agents.start", Execution.WORKER,
                        call -> row(supervisor.start(call.params(IdParams.class).id()))))
                .register(RpcMethod.of("agents.stop", Execution.WORKER, this::stop))
                .register(RpcMethod.of("agents.restart", Execution.WORKER,
                        call -> row(supervisor.restart(call.params(IdParams.class).id()))))
                .register(RpcMethod.of("agents.health", Execution.WORKER, call -> supervisor.health()))
                .register(RpcMethod.of("agents.tail_log", Execution.WORKER, this::tailLog))
                .register(RpcMethod.of("agents.wait", Execution.WORKER, this::await));
    }

    record IdParams(String id) {
        IdParams {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
        }
    }

    record StopParams(String id, String signal) {
        StopParams {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
            if (signal != null && !signal.equals("term") && !signal.equals("kill")) {
                throw new IllegalArgumentException("signal must be \"term\" or \"kill\"");
            }
        }

        ProcessTree.Signal toSignal() {
            return "kill".equals(signal) ? ProcessTree.Signal.KILL : ProcessTree.Signal.TERM;
        }
    }

    record TailLogParams(String id, Integer n, Integer lines, String stream, Integer offset) {
        TailLogParams {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
            Integer count = n != null ? n : lines;
            if (count != null && (count < 0 || count > 100_000)) {
                throw new IllegalArgumentException("n must be between 0 and 100000");
            }
            if (stream != null && !List.of("combined", "stdout", "stderr").contains(stream)) {
                throw new IllegalArgumentException("stream must be \"combined\", \"stdout\" or \"stderr\"");
            }
            if (offset != null && offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0");
            }
        }

        int count() {
            return n != null ? n : lines != null ? lines : 100;
        }

        boolean includes(String which) {
            return stream == null || stream.equals("combined") || stream.equals(which);
        }
    }

    record WaitParams(String id, List<String> targets, @JsonProperty("timeout_secs") Double timeoutSecs,
            @JsonProperty("poll_ms") Integer pollMs) {
        WaitParams {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
            if (timeoutSecs != null && (timeoutSecs < 0 || timeoutSecs > 1800)) {
                throw new IllegalArgumentException("timeout_secs must be between 0 and 1800");
            }
            for (String target : targets == null ? List.<String>of() : targets) {
                if (target == null || AgentStatus.fromWire(target).isEmpty()) {
                    throw new IllegalArgumentException("unknown target status '" + target + "'");
                }
            }
        }
    }

    private List<AgentRow> list() {
        return supervisor.states().stream().map(this::row).toList();
    }

    private AgentRow upsert(RpcCall call) {
        return row(supervisor.upsert(call.params(AgentSpec.class)));
    }

    private Map<String, Boolean> remove(RpcCall call) {
        String id = call.params(IdParams.class).id();
        boolean removed = supervisor.remove(id);
        bindings.sessionOf(id).ifPresent(session -> closeBoundConnection(id, session));
        return Map.of("removed", removed);
    }

    private void closeBoundConnection(String id, ClientSession session) {
        bindings.release(id, session);
        session.connection().close(1008, "agent removed");
    }

    private AgentRow stop(RpcCall call) {
        StopParams params = call.params(StopParams.class);
        return row(supervisor.stop(params.id(), params.toSignal()));
    }

    private TailLogResult tailLog(RpcCall call) throws IOException {
        TailLogParams params = call.params(TailLogParams.class);
        supervisor.requireKnown(params.id());
        LongConsumer reads = hooks.armed(TestHooks.TAIL_LOG_READ_LOG, LongConsumer.class).orElse(bytes -> {});
        var stdoutPath = supervisor.stdoutLog(params.id());
        var stderrPath = supervisor.stderrLog(params.id());
        LogTail.Tail stdout = params.includes("stdout") ? LogTail.read(stdoutPath, reads) : sizeOnly(stdoutPath);
        LogTail.Tail stderr = params.includes("stderr") ? LogTail.read(stderrPath, reads) : sizeOnly(stderrPath);
        int n = params.count();
        int offset = params.offset() == null ? 0 : params.offset();
        return TailLogResult.of(
                params.includes("stdout") ? TailLogResult.Window.of(stdout, n, offset) : TailLogResult.Window.NONE,
                params.includes("stderr") ? TailLogResult.Window.of(stderr, n, offset) : TailLogResult.Window.NONE,
                stdout, stderr, stdoutPath.toString(), stderrPath.toString());
    }

    /** The size of a stream that is not read: followers compare it to detect growth. */
    private static LogTail.Tail sizeOnly(java.nio.file.Path file) throws IOException {
        long size = java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
        return new LogTail.Tail(List.of(), false, size);
    }

    private AgentRow await(RpcCall call) throws InterruptedException {
        WaitParams params = call.params(WaitParams.class);
        List<AgentStatus> targets = params.targets() == null || params.targets().isEmpty()
                ? List.of(AgentStatus.RUNNING)
                : params.targets().stream().map(target -> AgentStatus.fromWire(target).orElseThrow()).toList();
        Duration timeout = Duration.ofMillis(Math.round((params.timeoutSecs() == null ? 30 : params.timeoutSecs()) * 1000));
        Duration poll = Duration.ofMillis(Math.max(10, params.pollMs() == null ? 200 : params.pollMs()));
        return row(supervisor.await(params.id(), targets, timeout, poll));
    }

    private AgentRow row(ManagedAgent.AgentState state) {
        String id = state.spec().id();
        String sessionId = bindings.sessionOf(id).map(ClientSession::clientId).orElse(null);
        return new AgentRow(state.spec().forWire(), state.status(), state.pid(), state.lastExitCode(),
                state.restartCount(), state.startedAt(), state.blockedByPid(), state.lastError(),
                sessionId != null, sessionId);
    }

}
