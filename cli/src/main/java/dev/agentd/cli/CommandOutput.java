package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** A command's stdout (results only, cli §5.1), flushed after every write so follow loops stream. */
final class CommandOutput {
    private final PrintWriter out;

    private CommandOutput(PrintWriter out) {
        this.out = out;
    }

    static CommandOutput of(CommandSpec spec) {
        return new CommandOutput(spec.commandLine().getOut());
    }

    /** Text that already ends with its newlines (a table, say). */
    void text(String text) {
        out.print(text);
        out.flush();
    }

    void line(String line) {
        text(line + "\n");
    }

    /** The raw result on one line (cli §5.2). */
    void json(JsonNode result) {
        line(JsonOutput.compact(result));
    }
}
