package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.element;
import static dev.agentd.browser.testing.Steps.extract;
import static dev.agentd.browser.testing.Steps.idOf;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.params;
import static dev.agentd.browser.testing.Steps.type;
import static dev.agentd.browser.testing.Steps.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Observe, act, and element-map staleness on real pages (browser §6, §7.3; checks 14–19). */
@RequiresChromium
class ObserveAndActTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    private final BrowserSlot slot = browser.sharedSlot();

    private JsonNode observeAt(String path) throws InterruptedException {
        JsonNode trace = run(slot, params(navigate(browser.url(path)), observe()));
        assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();
        return okResult(trace, 1);
    }

    private static String errorOf(JsonNode trace, int index) {
        JsonNode error = trace.path("steps").get(index).path("error");
        return error.path("kind").asText() + ": " + error.path("message").asText();
    }

    @Test
    void formObservation() throws Exception {
        BrowserSlot fresh = browser.newSlot();
        JsonNode trace = run(fresh, params(navigate(browser.url("/form.html")), observe()));
        assertThat(okResult(trace, 0).path("status").asInt()).isEqualTo(200);
        assertThat(okResult(trace, 0).path("title").asText()).isEqualTo("Form");
        JsonNode observation = okResult(trace, 1);
        assertThat(observation.path("map_id").asText()).isEqualTo("m1");
        assertThat(trace.path("map_id").asText()).isEqualTo("m1");
        element(observation, "textbox", "Name");
        element(observation, "checkbox", "Subscribe");
        element(observation, "combobox", "Color");
        assertThat(element(observation, "button", "Send").path("states")).extracting(JsonNode::asText).contains("focusable");
        assertThat(element(observation, "button", "Locked").path("states")).extracting(JsonNode::asText).contains("disabled");
        assertThat(element(observation, "textbox", "Email").path("states")).extracting(JsonNode::asText).contains("required");
        assertThat(observation.path("viewport").toString()).isEqualTo("{\"width\":1280,\"height\":720}");
        assertThat(observation.path("compact").asText()).contains("button \"Send\"");
    }

    @Test
    void typeClickAndSubmitAcrossCalls() throws Exception {
        JsonNode form = observeAt("/form.html");
        JsonNode trace = run(slot, params(
                type(idOf(form, "textbox", "Name"), "Ada"),
                click(idOf(form, "checkbox", "Subscribe")),
                click(idOf(form, "button", "Send")).put("map_id", form.path("map_id").asText()),
                extract()));
        assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();
        assertThat(okResult(trace, 0).path("typed").asInt()).isEqualTo(3);
        assertThat(okResult(trace, 1).path("navigated").asBoolean()).isFalse();
        assertThat(okResult(trace, 2).path("navigated").asBoolean()).isTrue();
        assertThat(trace.path("final_url").asText()).startsWith(browser.url("/submitted?"));
        assertThat(okResult(trace, 3).path("text").asText()).contains("name=Ada;subscribe=on");
        assertThat(trace.path("map_id").isNull()).isTrue();
    }

    @Test
    void replacedNodesAreGoneUntilObservedAgain() throws Exception {
        JsonNode before = observeAt("/dynamic.html");
        String oldInput = idOf(before, "textbox", "Old input");
        assertThat(okResult(run(slot, params(click(idOf(before, "button", "Replace")))), 0)
                .path("navigated").asBoolean()).isFalse();

        JsonNode stale = run(slot, params(click(oldInput)));
        assertThat(errorOf(stale, 0)).isEqualTo("element_not_found: " + oldInput + " (map "
                + before.path("map_id").asText() + ") is no longer in the page; observe again");

        JsonNode after = okResult(run(slot, params(observe())), 0);
        String newInput = idOf(after, "textbox", "New input");
        JsonNode typed = run(slot, params(type(newInput, "fresh"), extract().put("element_id", newInput)));
        assertThat(typed.path("ok").asBoolean()).as(typed.toString()).isTrue();
    }

    @Test
    void followingALinkInvalidatesTheMap() throws Exception {
        JsonNode links = observeAt("/links.html");
        JsonNode trace = run(slot, params(click(idOf(links, "link", "Next page")), click("el_0")));
        JsonNode followed = okResult(trace, 0);
        assertThat(followed.path("navigated").asBoolean()).isTrue();
        assertThat(followed.path("url").asText()).isEqualTo(browser.url("/page2.html"));
        assertThat(trace.path("title").asText()).isEqualTo("Page 2");
        assertThat(errorOf(trace, 1)).isEqualTo("element_not_found: no current observation; run observe first");
    }

    @Test
    void aFragmentJumpKeepsTheMap() throws Exception {
        JsonNode links = observeAt("/links.html");
        JsonNode trace = run(slot, params(click(idOf(links, "link", "Jump")), click(idOf(links, "link", "Next page"))));
        assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();
        JsonNode jump = okResult(trace, 0);
        assertThat(jump.path("navigated").asBoolean()).isFalse();
        assertThat(jump.path("url").asText()).endsWith("#section");
        assertThat(okResult(trace, 1).path("navigated").asBoolean()).isTrue();
    }

    @Test
    void urlChangesWithAndWithoutNewDocuments() throws Exception {
        JsonNode first = run(slot, params(navigate(browser.url("/changes-url.html")), waitFor("url_changed")));
        assertThat(first.path("ok").asBoolean()).as(first.toString()).isTrue();
        assertThat(okResult(first, 1).path("url").asText()).isEqualTo(browser.url("/changed-1"));

        JsonNode page = okResult(run(slot, params(observe())), 0);
        JsonNode trace = run(slot, params(click(idOf(page, "button", "Go")), waitFor("url_changed")));
        assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();
        assertThat(okResult(trace, 0).path("navigated").asBoolean()).isFalse();
        assertThat(okResult(trace, 1).path("url").asText()).isEqualTo(browser.url("/page2.html"));
    }
}
