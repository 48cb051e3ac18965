package dev.agentd.bench.load;

import java.util.List;

/** What a load run produced: each connection's measurements and the CPU use during the window. */
record LoadOutcome(List<ConnectionResult> connections, String cpuUse) {}
