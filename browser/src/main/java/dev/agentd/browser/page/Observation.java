package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbered result of one observe (browser §6.1 steps 4–7, §6.2): elements, their map, the
 * compact text and the content hash. Building it is pure, so it is tested on captured fixtures.
 */
public record Observation(ElementMap map, List<ObservedElement> elements, boolean truncated, String compact,
        String contentHash) {
    private static final int COMPACT_NAME_CHARS = 80;
    private static final int COMPACT_VALUE_CHARS = 40;

    /**
     * @param boxModels {@code DOM.getBoxModel} results by backend node id; a candidate whose call
     *                  failed is absent and is dropped, like one whose content quad is empty
     */
    public static Observation build(String mapId, List<AxCandidate> candidates, Map<Long, JsonNode> boxModels,
            Viewport viewport, int maxElements) {
        List<ObservedElement> elements = new ArrayList<>();
        List<ElementMap.Entry> entries = new ArrayList<>();
        boolean truncated = false;
        for (AxCandidate candidate : candidates) {
            Optional<Bounds> bounds = Optional.ofNullable(boxModels.get(candidate.backendNodeId()))
                    .flatMap(Bounds::ofBoxModel);
            if (bounds.isEmpty()) {
                continue;
            }
            if (elements.size() == maxElements) {
                truncated = true;
                break;
            }
            String id = "el_" + elements.size();
            elements.add(element(id, candidate, bounds.get(), viewport));
            entries.add(new ElementMap.Entry(id, candidate.backendNodeId(), candidate.role(), candidate.name()));
        }
        return new Observation(new ElementMap(mapId, entries), elements, truncated, compact(elements), hash(elements));
    }

    private static ObservedElement element(String id, AxCandidate candidate, Bounds bounds, Viewport viewport) {
        List<String> states = new ArrayList<>(candidate.states());
        if (!bounds.intersects(viewport)) {
            states.add("offscreen");
        }
        return new ObservedElement(id, candidate.role(), candidate.name(), candidate.value(), bounds, states);
    }

    /** {@code [<id>] <role> "<name>"[ = "<value>"] (<cx>,<cy>)[ <states…>]}, one line per element. */
    static String compact(List<ObservedElement> elements) {
        List<String> lines = new ArrayList<>(elements.size());
        for (ObservedElement element : elements) {
            StringBuilder line = new StringBuilder()
                    .append('[').append(element.id()).append("] ").append(element.role())
                    .append(" \"").append(cut(element.name(), COMPACT_NAME_CHARS)).append('"');
            if (element.value() != null) {
                line.append(" = \"").append(cut(element.value(), COMPACT_VALUE_CHARS)).append('"');
            }
            line.append(" (").append(element.bounds().centerX()).append(',').append(element.bounds().centerY()).append(')');
            element.states().forEach(state -> line.append(' ').append(state));
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** Lowercase hex SHA-256 over {@code role \t name \t value \n} per element, null value as "". */
    static String hash(List<ObservedElement> elements) {
        MessageDigest digest = sha256();
        for (ObservedElement element : elements) {
            String line = element.role() + "\t" + element.name() + "\t" + (element.value() == null ? "" : element.value()) + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
