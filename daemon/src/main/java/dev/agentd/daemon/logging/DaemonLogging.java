package dev.agentd.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.agentd.daemon.state.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Logging of the daemon (core §16): stderr always, plus {@code <root>/logs/daemon.log} once the
 * lock is held, size-rotated at 10 MiB with five archives, mode 0600. stdout is left to the ready
 * line alone.
 */
public final class DaemonLogging {
    /** Line format: {@code <ISO-8601 UTC> <LEVEL> [<thread>] <logger> <clientId?> - <message>}. */
    static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %level [%thread] %logger %X{clientId} - %msg%n";
    private static final String CONSOLE = "stderr";
    private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    private static final int ARCHIVES = 5;

    private DaemonLogging() {}

    /** Routes all logging to stderr at {@code level} (error, warn, info, debug, trace). */
    public static void configureConsole(String level) {
        LoggerContext context = context();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(CONSOLE) instanceof ConsoleAppender)) {
            context.reset();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName(CONSOLE);
            console.setTarget("System.err");
            console.setEncoder(encoder(context));
            console.start();
            root.addAppender(console);
        }
        Level rootLevel = Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO);
        root.setLevel(rootLevel);
        // Netty's own DEBUG output is about its internals, not about agentd; keep it for TRACE.
        context.getLogger("io.netty").setLevel(rootLevel == Level.DEBUG ? Level.INFO : rootLevel);
    }

    /** Adds the rotating file appender of one state root; returns a handle that removes it. */
    public static AutoCloseable attachFile(Path logsDir) throws IOException {
        SecureFiles.createDirectories(logsDir);
        LoggerContext context = context();
        String file = logsDir.resolve("daemon.log").toString();

        SecureRollingFileAppender appender = new SecureRollingFileAppender();
        appender.setContext(context);
        appender.setName("file:" + file);
        appender.setFile(file);
        appender.setEncoder(encoder(context));

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(ARCHIVES);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(MAX_FILE_BYTES));
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
