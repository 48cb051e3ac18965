package dev.agentd.daemon.mcp.tools;

import static dev.agentd.daemon.mcp.tools.SchemaBuilder.arrayOf;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.bool;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.integer;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.nullableString;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.number;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.object;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.string;
import static dev.agentd.daemon.mcp.tools.SchemaBuilder.stringArray;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentd.daemon.mcp.tools.Tool.Hints;
import dev.agentd.daemon.memory.MemoryMethods.FactIdResult;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.FactWriteResult;
import dev.agentd.memgine.QueryHit;
import dev.agentd.memgine.params.MemoryParams;
import java.util.List;

/**
 * The eight memory tools of mcp §12.2, in their listing order: each one's schemas, hints,
 * progress stages and handler. A handler reads its arguments with {@link MemoryParams} — the same
 * reader as its WebSocket twin in {@code MemoryMethods}, so both front ends apply one set of
 * memory-level rules — and calls the twin's {@link MemoryService} operation, handing it the
 * callback of its inner progress stage.
 */
final class MemoryToolCatalog {
    private static final Hints WRITE = new Hints(false, false, false);
    private static final Hints READ = new Hints(true, false, true);
    private static final List<String> WRITE_STAGES = List.of("applied", "durable");

    record QueryResults(List<QueryHit> results) {}

    record FactCount(@JsonProperty("fact_count") int factCount) {}

    private final MemoryService memory;

    private MemoryToolCatalog(MemoryService memory) {
        this.memory = memory;
    }

    static List<Tool> tools(MemoryService memory) {
        MemoryToolCatalog catalog = new MemoryToolCatalog(memory);
        return List.of(catalog.addFact(), catalog.query(), catalog.buildContext(),
                catalog.save("memory_save_knowledge", FactInput.Source.KNOWLEDGE, "Save knowledge",
                        "Save a piece of knowledge (kind \"knowledge\") in this session's memory graph."),
                catalog.save("memory_save_procedural", FactInput.Source.PROCEDURAL, "Save a procedure",
                        "Save a procedure or how-to (kind \"procedural\") in this session's memory graph."),
                catalog.delete(), catalog.updateStatus(), catalog.factCount());
    }

    private Tool addFact() {
        SchemaBuilder input = SchemaBuilder.input()
                .required("subject", string().minLength(1).description("What the fact is about"))
                .required("body", string().description("The fact itself"))
                .optional("kind", string().defaultValue("pattern")
                        .description("Fact kind; \"constraint\" makes a constraint shown in every context"))
                .optional("id", string().description("Explicit id; default: mcp- plus the slug of the subject"))
                .optional("supersedes", string().description("Id of a fact this one replaces"))
                .optional("depends_on", stringArray().description("Ids of facts this one depends on"))
                .optional("confidence", number().minimum(0).maximum(1).description("Confidence from 0 to 1"))
                .optional("expires_at", integer().description("Expiry time in epoch milliseconds"))
                .optional("tags", stringArray());
        SchemaBuilder output = SchemaBuilder.output()
                .required("id", string())
                .required("fact_count", integer());
        return new Tool("memory_add_fact", "Add a fact",
                "Store a fact in this session's memory graph; returns its id and the graph's fact count.",
                input.build(), output.build(), WRITE, WRITE_STAGES, (arguments, context, stages) -> {
                    FactInput fact = MemoryParams.addFact(arguments, FactInput.Source.MCP);
                    FactWriteResult written = memory.addFact(context.graph(), fact, stages.reach(1));
                    // memory_add_fact always answers the object form, whatever arguments it got
                    return ToolOutput.of(new FactIdResult(written.id(), written.factCount()));
                });
    }

    private Tool query() {
        SchemaBuilder input = SchemaBuilder.input()
                .required("query", string().minLength(1).description("Natural-language query"))
                .optional("k", integer().minimum(1).maximum(50).defaultValue(5));
        SchemaBuilder hit = SchemaBuilder.output()
                .required("id", string())
                .required("subject", string())
                .required("body", string())
                .required("kind", string())
                .required("confidence", number());
        SchemaBuilder output = SchemaBuilder.output().required("results", arrayOf(object(hit)));
        return new Tool("memory_query", "Query memory",
                "Retrieve the k most relevant facts for a query from this session's memory graph.",
                input.build(), output.build(), READ, List.of("seeds selected", "ranked"),
                (arguments, context, stages) -> ToolOutput.of(new QueryResults(
                        memory.query(context.graph(), MemoryParams.query(arguments), stages.reach(1)))));
    }

    private Tool buildContext() {
        SchemaBuilder input = SchemaBuilder.input()
                .required("query", string().minLength(1).description("What the context is for"))
                .optional("model_context_window", integer().minimum(1)
                        .description("The model's context window in tokens; sizes the sections"))
                .optional("show_history", bool().defaultValue(false)
                        .description("Also show the superseded versions of facts"));
        SchemaBuilder output = SchemaBuilder.output().required("context", string());
        return new Tool("memory_build_context", "Build context",
                "Assemble a prompt-ready context (identity, constraints, relevant facts, conversation, environment)"
                        + " for a query from this session's memory graph.",
                input.build(), output.build(), READ, List.of("facts ranked", "context assembled"),
                (arguments, context, stages) -> ToolOutput.context(memory.buildContext(context.graph(),
                        MemoryParams.buildContext(arguments), stages.reach(1))));
    }

    private Tool save(String name, FactInput.Source source, String title, String description) {
        SchemaBuilder input = SchemaBuilder.input()
                .required("subject", string().description("What it is about"))
                .required("body", string().description("The knowledge or procedure itself"))
                .optional("id", string().description("Explicit id; default: the kind's prefix plus the subject's slug"))
                .optional("tags", stringArray())
                .optional("confidence", string().description("A confidence label, e.g. \"high\""))
                .optional("tenant_id", string())
                .optional("is_constraint", bool().description("Show it in every context as a constraint"));
        SchemaBuilder output = SchemaBuilder.output()
                .required("id", string())
                .required("kind", string())
                .required("fact_count", integer());
        return new Tool(name, title, description, input.build(), output.build(), WRITE, WRITE_STAGES,
                (arguments, context, stages) -> ToolOutput.of(memory.addFact(context.graph(),
                        MemoryParams.save(arguments, source), stages.reach(1))));
    }

    private Tool delete() {
        SchemaBuilder input = SchemaBuilder.input()
                .required("id", string().minLength(1)
                        .description("A fact id, or proactive-status:<tenant_id or global> for this session's status"));
        SchemaBuilder output = SchemaBuilder.output()
                .required("id", string())
                .required("deleted", bool())
                .required("kind", nullableString())
                .required("fact_count", integer());
        return new Tool("memory_delete", "Delete from memory",
                "Delete a fact by id from this session's memory graph, or clear this session's status"
                        + " for a proactive-status: id.",
                input.build(), output.build(), new Hints(false, true, true), WRITE_STAGES,
                (arguments, context, stages) -> ToolOutput.of(memory.delete(context.graph(), context.statuses(),
                        MemoryParams.deleteId(arguments), stages.reach(1))));
    }

    private Tool updateStatus() {
        SchemaBuilder input = SchemaBuilder.input()
                .required("body", string().description("The status text"))
                .optional("tenant_id", string().description("Status slot; default: global"));
        SchemaBuilder output = SchemaBuilder.output()
                .required("id", string())
                .required("body", string())
                .optional("tenant_id", string());
        return new Tool("memory_update_status", "Update status",
                "Set this session's private status; it is not stored in the graph and ends with the session.",
                input.build(), output.build(), new Hints(false, false, true), List.of("applied"),
                (arguments, context, stages) -> ToolOutput.of(
                        memory.updateStatus(context.statuses(), MemoryParams.updateStatus(arguments))));
    }

    private Tool factCount() {
        SchemaBuilder output = SchemaBuilder.output().required("fact_count", integer());
        return new Tool("memory_fact_count", "Count facts", "Count the valid facts in this session's memory graph.",
                SchemaBuilder.input().build(), output.build(), READ, List.of("counted"),
                (arguments, context, stages) -> ToolOutput.of(new FactCount(memory.factCount(context.graph()))));
    }
}
