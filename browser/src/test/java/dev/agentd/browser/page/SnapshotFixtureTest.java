package dev.agentd.browser.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The snapshot algorithm of browser §6.1 on AX trees and box models captured from Chromium on
 * {@code /form.html} (check 11). In that capture the checkbox sits under an ignored label node,
 * and the select's options have no box ("Could not compute box model").
 */
class SnapshotFixtureTest {
    private static final Viewport VIEWPORT = new Viewport(1280, 720);

    private static Observation observe(JsonNode tree, Map<Long, JsonNode> boxes, int maxElements) {
        return Observation.build("m1", AxWalk.of(tree).candidates(), boxes, VIEWPORT, maxElements);
    }

    private static Observation observeForm() {
        return observe(Fixtures.axTree("form"), Fixtures.boxModels("form"), 1000);
    }

    private static ObjectNode node(ObjectNode tree, String nodeId) {
        for (JsonNode node : tree.path("nodes")) {
            if (node.path("nodeId").asText().equals(nodeId)) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("no AX node " + nodeId);
    }

    @Test
    void numbersInteractiveNodesInPreOrderThroughIgnoredParents() {
        Observation observation = observeForm();
        assertThat(observation.elements()).extracting(ObservedElement::id, ObservedElement::role, ObservedElement::name)
                .containsExactly(
                        tuple("el_0", "textbox", "Name"),
                        tuple("el_1", "textbox", "Email"),
                        tuple("el_2", "checkbox", "Subscribe"),
                        tuple("el_3", "combobox", "Color"),
                        tuple("el_4", "textbox", "Notes"),
                        tuple("el_5", "button", "Locked"),
                        tuple("el_6", "button", "Send"));
        assertThat(observation.truncated()).isFalse();
        assertThat(observation.map().mapId()).isEqualTo("m1");
        assertThat(observation.map().find("el_2").orElseThrow().backendNodeId()).isEqualTo(18);
    }

    @Test
    void elementsCarryValueBoundsAndStatesInSpecOrder() {
        List<ObservedElement> elements = observeForm().elements();
        assertThat(elements.get(1).states()).containsExactly("focusable", "required");
        assertThat(elements.get(3).value()).isEqualTo("red");
        assertThat(elements.get(3).states()).containsExactly("focusable", "collapsed");
        assertThat(elements.get(5).states()).containsExactly("disabled");
        assertThat(elements.get(0).value()).isNull();
        assertThat(elements.get(0).bounds()).isEqualTo(new Bounds(54, 19, 169, 15));
        assertThat(elements.get(2).bounds()).isEqualTo(new Bounds(12, 93, 13, 13));
    }

    @Test
    void compactTextHasOneLinePerElement() {
        String[] lines = observeForm().compact().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).isEqualTo("[el_0] textbox \"Name\" (138,26) focusable");
        assertThat(lines[3]).isEqualTo("[el_3] combobox \"Color\" = \"red\" (76,135) focusable collapsed");
        assertThat(lines[6]).isEqualTo("[el_6] button \"Send\" (94,227) focusable");
    }

    @Test
    void compactTextCutsLongNamesAndValues() {
        ObservedElement element = new ObservedElement("el_0", "textbox", "n".repeat(100), "v".repeat(50),
                new Bounds(0, 0, 10, 10), List.of());
        assertThat(Observation.compact(List.of(element)))
                .isEqualTo("[el_0] textbox \"" + "n".repeat(80) + "\" = \"" + "v".repeat(40) + "\" (5,5)");
    }

    @Test
    void boxLessAndZeroSizeCandidatesAreDropped() {
        Map<Long, JsonNode> boxes = new HashMap<>(Fixtures.boxModels("form"));
        assertThat(boxes).doesNotContainKeys(41L, 44L, 47L);
        ObjectNode locked = boxes.get(54L).deepCopy();
        ArrayNode content = (ArrayNode) locked.path("model").path("content");
        content.set(2, content.get(0));
        content.set(4, content.get(0));
        boxes.put(54L, locked);
        boxes.remove(14L);

        Observation observation = observe(Fixtures.axTree("form"), boxes, 1000);
        assertThat(observation.elements()).extracting(ObservedElement::name)
                .containsExactly("Email", "Subscribe", "Color", "Notes", "Send");
        assertThat(observation.elements().get(4).id()).isEqualTo("el_4");
    }

    @Test
    void hiddenNodesAreNotCandidates() {
        ObjectNode tree = Fixtures.axTree("form");
        ((ArrayNode) node(tree, "18").path("properties")).addObject().put("name", "hidden")
                .putObject("value").put("type", "boolean").put("value", true);
        assertThat(observe(tree, Fixtures.boxModels("form"), 1000).elements()).extracting(ObservedElement::name)
                .doesNotContain("Subscribe");
    }

    @Test
    void ignoredCandidatesAreSkippedButTheirChildrenAreWalked() {
        ObjectNode tree = Fixtures.axTree("form");
        node(tree, "13").put("ignored", true);
        node(tree, "55").put("ignored", true);
        assertThat(observe(tree, Fixtures.boxModels("form"), 1000).elements()).extracting(ObservedElement::name)
                .containsExactly("Name", "Email", "Subscribe", "Color", "Notes", "Locked");
    }

    @Test
    void maxElementsTruncates() {
        Observation two = observe(Fixtures.axTree("form"), Fixtures.boxModels("form"), 2);
        assertThat(two.elements()).extracting(ObservedElement::id).containsExactly("el_0", "el_1");
        assertThat(two.truncated()).isTrue();
        assertThat(two.map().entries()).hasSize(2);
        assertThat(observe(Fixtures.axTree("form"), Fixtures.boxModels("form"), 7).truncated()).isFalse();
    }

    @Test
    void contentHashIsStableAndFollowsNames() throws Exception {
        assertThat(observeForm().contentHash()).isEqualTo(observeForm().contentHash()).matches("[0-9a-f]{64}");
        ObjectNode renamed = Fixtures.axTree("form");
        ((ObjectNode) node(renamed, "55").path("name")).put("value", "Submit");
        assertThat(observe(renamed, Fixtures.boxModels("form"), 1000).contentHash()).isNotEqualTo(observeForm().contentHash());

        List<ObservedElement> two = List.of(
                new ObservedElement("el_0", "textbox", "Email", "a@b.c", new Bounds(0, 0, 1, 1), List.of()),
                new ObservedElement("el_1", "button", "Send", null, new Bounds(0, 0, 1, 1), List.of("focusable")));
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest("textbox\tEmail\ta@b.c\nbutton\tSend\t\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Observation.hash(two)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void elementsOutsideTheViewportAreOffscreen() {
        Observation small = Observation.build("m1", AxWalk.of(Fixtures.axTree("form")).candidates(),
                Fixtures.boxModels("form"), new Viewport(200, 100), 1000);
        assertThat(small.elements().get(2).states()).containsExactly("focusable");
        assertThat(small.elements().get(3).states()).containsExactly("focusable", "collapsed", "offscreen");
        assertThat(small.elements().get(6).states()).containsExactly("focusable", "offscreen");
    }

    @Test
    void textBlocksAreReadableNodesWithoutIds() {
        List<TextBlock> blocks = AxWalk.of(Fixtures.axTree("form")).textBlocks();
        assertThat(blocks).extracting(TextBlock::role).containsOnly("StaticText");
        assertThat(blocks).extracting(TextBlock::name).startsWith("Name ", "Email ");
    }
}
