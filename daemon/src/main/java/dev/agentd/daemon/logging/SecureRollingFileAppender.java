package dev.agentd.daemon.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.agentd.daemon.state.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A rolling file appender whose files are created with mode 0600 (core §11): Logback would create
 * them with the umask's mode, so the file is created first with the right attributes. Rotation
 * renames files, which keeps their mode.
 */
final class SecureRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
    @Override
    public void openFile(String fileName) throws IOException {
        SecureFiles.createFileIfAbsent(Path.of(fileName));
        super.openFile(fileName);
    }
}
