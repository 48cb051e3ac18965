package dev.agentd.bench.load;

import java.util.List;

/** What a load run produced: each connection's measurements and the CPU use during the window. */
public record LoadOutcome<R>(List<R> connections, String cpuUse) {}
