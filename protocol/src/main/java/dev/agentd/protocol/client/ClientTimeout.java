package dev.agentd.protocol.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code AGENTD_TIMEOUT} (cli §4.3): a positive decimal number of seconds, default 30. It bounds
 * the TCP connect, the upgrade and each awaited reply separately.
 */
public final class ClientTimeout {
    public static final String TIMEOUT_VARIABLE = "AGENTD_TIMEOUT";
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private ClientTimeout() {}

    public static Duration resolve(Environment environment) {
        return environment.get(TIMEOUT_VARIABLE).map(ClientTimeout::parse).orElse(DEFAULT);
    }

    static Duration parse(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw invalid(value);
        }
        BigDecimal nanos = new BigDecimal(value).movePointRight(9);
        if (nanos.signum() <= 0 || nanos.compareTo(BigDecimal.ONE) < 0) {
            throw invalid(value);
        }
        // Beyond ~292 years the value no longer fits the APIs that take nanoseconds; that long is "forever".
        return Duration.ofNanos(nanos.min(MAX_NANOS).longValue());
    }

    private static DiscoveryException invalid(String value) {
        return DiscoveryException.invalid(
                TIMEOUT_VARIABLE + " must be a positive number of seconds, got '" + value + "'");
    }
}
