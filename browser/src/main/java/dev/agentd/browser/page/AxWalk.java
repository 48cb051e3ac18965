package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks an {@code Accessibility.getFullAXTree} result depth-first, pre-order from the root,
 * following {@code childIds} in order (browser §6.1 steps 2–3). Ignored nodes are not emitted but
 * their children are walked.
 */
public final class AxWalk {
    static final Set<String> INTERACTIVE_ROLES = Set.of("button", "link", "textbox", "searchbox", "combobox",
            "listbox", "option", "checkbox", "radio", "switch", "slider", "spinbutton", "menuitem",
            "menuitemcheckbox", "menuitemradio", "tab", "treeitem");
    static final Set<String> TEXT_ROLES = Set.of("heading", "paragraph", "StaticText", "image", "cell", "listitem",
            "alert");

    private final List<AxCandidate> candidates = new ArrayList<>();
    private final List<TextBlock> textBlocks = new ArrayList<>();

    private AxWalk() {}

    /** Walks the {@code nodes} of a getFullAXTree result. */
    public static AxWalk of(JsonNode axTreeResult) {
        AxWalk walk = new AxWalk();
        walk.walk(axTreeResult.path("nodes"));
        return walk;
    }

    /** Interactive candidates in walk order, still to be checked for a box. */
    public List<AxCandidate> candidates() {
        return candidates;
    }

    /** Text blocks in walk order (uncapped). */
    public List<TextBlock> textBlocks() {
        return textBlocks;
    }

    /** Every non-ignored node's accessible name matches? Used by {@code wait text/element}. */
    public static boolean anyNode(JsonNode axTreeResult, String role, String nameContains) {
        for (JsonNode node : axTreeResult.path("nodes")) {
            if (node.path("ignored").asBoolean(false)) {
                continue;
            }
            boolean roleMatches = role == null || role.equals(node.path("role").path("value").asText());
            if (roleMatches && node.path("name").path("value").asText("").contains(nameContains)) {
                return true;
            }
        }
        return false;
    }

    private void walk(JsonNode nodes) {
        Map<String, JsonNode> byId = new HashMap<>();
        JsonNode root = null;
        for (JsonNode node : nodes) {
            byId.put(node.path("nodeId").asText(), node);
            if (root == null && !node.hasNonNull("parentId")) {
                root = node;
            }
        }
        if (root == null) {
            return;
        }
        Set<String> visited = new HashSet<>();
        Deque<JsonNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            JsonNode node = stack.pop();
            if (!visited.add(node.path("nodeId").asText())) {
                continue;
            }
            visit(node);
            JsonNode children = node.path("childIds");
            for (int i = children.size() - 1; i >= 0; i--) {
                JsonNode child = byId.get(children.get(i).asText());
                if (child != null) {
                    stack.push(child);
                }
            }
        }
    }

    private void visit(JsonNode node) {
        if (node.path("ignored").asBoolean(false)) {
            return;
        }
        AxCandidate candidate = AxCandidate.of(node);
        if (INTERACTIVE_ROLES.contains(candidate.role())) {
            if (node.hasNonNull("backendDOMNodeId") && !candidate.hidden()) {
                candidates.add(candidate);
            }
        } else if (TEXT_ROLES.contains(candidate.role()) && !candidate.name().isEmpty()) {
            textBlocks.add(new TextBlock(candidate.role(), candidate.name(), candidate.level()));
        }
    }
}
