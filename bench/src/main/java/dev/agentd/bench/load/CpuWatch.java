package dev.agentd.bench.load;

import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The share of one core that this client and, optionally, the server process used during the
 * measurement window, sampled on the window's edges. A figure taken while the server was not near
 * 100% was limited by something else: the client, or other load on the machine.
 */
public final class CpuWatch {
    private final long serverPid;
    private final ScheduledFuture<Sample> atStart;
    private final ScheduledFuture<Sample> atEnd;

    /** CPU seconds used so far by the client and the server ({@code NaN} when unknown). */
    private record Sample(double client, double server) {}

    private CpuWatch(long serverPid, ScheduledFuture<Sample> atStart, ScheduledFuture<Sample> atEnd) {
        this.serverPid = serverPid;
        this.atStart = atStart;
        this.atEnd = atEnd;
    }

    /** Schedules the two samples; {@code serverPid} 0 watches only the client. */
    public static CpuWatch over(MeasurementWindow window, long serverPid, EventExecutorGroup executor) {
        long clientPid = ProcessHandle.current().pid();
        Callable<Sample> sample = () -> new Sample(cpuSeconds(clientPid), cpuSeconds(serverPid));
        return new CpuWatch(serverPid,
                executor.schedule(sample, delay(window.measureFrom()), TimeUnit.NANOSECONDS),
                executor.schedule(sample, delay(window.measureUntil()), TimeUnit.NANOSECONDS));
    }

    /**
     * For example {@code client 97% of a core (8.1 us/request), server (pid 4242) 88% of a core
     * (7.3 us/request)}; call after the window. CPU time per request is less sensitive to other
     * load on the machine than req/s: at saturation, throughput is one core divided by it.
     */
    public String describe(MeasurementWindow window, long requests) throws InterruptedException, ExecutionException {
        double seconds = (window.measureUntil() - window.measureFrom()) / 1e9;
        Sample start = atStart.get();
        Sample end = atEnd.get();
        String client = "client " + share(end.client() - start.client(), seconds, requests);
        if (serverPid == 0) {
            return client;
        }
        return client + ", server (pid " + serverPid + ") " + share(end.server() - start.server(), seconds, requests);
    }

    private static double cpuSeconds(long pid) {
        return ProcessCpu.seconds(pid).orElse(Double.NaN);
    }

    private static String share(double cpuSeconds, double seconds, long requests) {
        if (Double.isNaN(cpuSeconds)) {
            return "unknown";
        }
        String perRequest = requests == 0 ? ""
                : String.format(Locale.ROOT, " (%.1f us/request)", cpuSeconds * 1e6 / requests);
        return Math.round(100 * cpuSeconds / seconds) + "% of a core" + perRequest;
    }

    private static long delay(long nanoTime) {
        return Math.max(0, nanoTime - System.nanoTime());
    }
}
