package dev.agentd.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code agentd.jar}. Wires the picocli application and the two failure paths:
 * usage errors (exit 2) and everything a command throws, which {@link Failures} turns into an exit
 * code and the lines printed on stderr.
 */
public final class Main {
    static final String USAGE_HINT = "Try 'agentd --help' for more information.";
    static final int USAGE_EXIT = 2;

    private Main() {}

    public static void main(String[] args) {
        // System.exit, not a return: the daemon and the HTTP client leave non-daemon threads behind.
        System.exit(run(args));
    }

    static int run(String... args) {
        PrintWriter out = utf8(FileDescriptor.out);
        PrintWriter err = utf8(FileDescriptor.err);
        CommandLine commandLine = new CommandLine(new AgentdCommand())
                .setOut(out)
                .setErr(err)
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::commandFailed);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    private static int usageError(ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        err.print(Failures.PREFIX + error.getMessage() + "\n");
        err.print(USAGE_HINT + "\n");
        err.flush();
        return USAGE_EXIT;
    }

    private static int commandFailed(Exception error, CommandLine commandLine, ParseResult parseResult) {
        CommandFailure failure = Failures.describe(error);
        PrintWriter err = commandLine.getErr();
        failure.lines().forEach(line -> err.print(Failures.PREFIX + line + "\n"));
        err.flush();
        return failure.exitCode();
    }

    /** Output is UTF-8 whatever the locale, so JSON results survive a POSIX locale intact. */
    private static PrintWriter utf8(FileDescriptor descriptor) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(descriptor), StandardCharsets.UTF_8));
    }
}
