package dev.agentd.bench.statebench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where in a {@code build_context} result (memory §6.2) a string was found, so a report can say
 * which part of the layout brought dead text back. A line belongs to the section whose
 * {@code ## <Title>} heading precedes it; the indented lines after a fact line in Facts are a
 * {@code Repair note} (§6.4).
 */
public final class ContextSections {
    static final String REPAIR_NOTE = "Repair note";
    static final String ACROSS_LINES = "across lines";
    private static final String HEADING = "## ";

    private record Line(String section, String lowerText) {}

    private final String lowerContext;
    private final List<Line> lines;

    private ContextSections(String lowerContext, List<Line> lines) {
        this.lowerContext = lowerContext;
        this.lines = lines;
    }

    public static ContextSections of(String context) {
        List<Line> lines = new ArrayList<>();
        String section = "";
        boolean afterBlank = true;
        for (String line : context.split("\n", -1)) {
            if (afterBlank && line.startsWith(HEADING)) {
                section = line.substring(HEADING.length());
            } else {
                lines.add(new Line(label(section, line), Mention.lower(line)));
            }
            afterBlank = line.isEmpty();
        }
        return new ContextSections(Mention.lower(context), lines);
    }

    private static String label(String section, String line) {
        return section.equals("Facts") && line.startsWith("  ") ? REPAIR_NOTE : section;
    }

    /** The context, lowercased, for substring matching. */
    public String lowerText() {
        return lowerContext;
    }

    /** The sections, in name order, of every line holding the mention; empty if the context lacks it. */
    public List<String> sectionsOf(Mention mention) {
        TreeSet<String> sections = new TreeSet<>();
        for (Line line : lines) {
            if (mention.isIn(line.lowerText())) {
                sections.add(line.section());
            }
        }
        if (sections.isEmpty() && mention.isIn(lowerContext)) {
            sections.add(ACROSS_LINES);
        }
        return List.copyOf(sections);
    }
}
