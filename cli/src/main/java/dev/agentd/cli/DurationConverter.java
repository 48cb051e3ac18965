package dev.agentd.cli;

import dev.agentd.protocol.client.DiscoveryException;
import dev.agentd.protocol.client.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli read {@code DUR} option values; a bad value is a usage error (exit 2). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (DiscoveryException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
