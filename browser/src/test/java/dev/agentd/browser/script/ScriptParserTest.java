package dev.agentd.browser.script;

import static dev.agentd.browser.testing.BrowserHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Script shape, aliases and every validation rule of browser §7 (checks 2, 4, 5). */
class ScriptParserTest {
    private static final String CANONICAL = """
            {"steps":[{"op":"click","element_id":"el_0"},{"op":"scroll","delta_y":100}]}""";

    private static List<Step> steps(String scriptJson) {
        return ScriptParser.parse(parse(scriptJson)).steps();
    }

    private static String problemOf(String scriptJson) {
        return problemOfScript(parse(scriptJson));
    }

    private static String problemOfScript(JsonNode script) {
        try {
            ScriptParser.parse(script);
        } catch (InvalidScriptException e) {
            return e.getMessage();
        }
        throw new AssertionError("no validation error for " + script);
    }

    @Test
    void aliasesParseToTheCanonicalSteps() {
        List<Step> canonical = steps(CANONICAL);
        assertThat(canonical).containsExactly(
                new Step.Click("el_0", null, null, StepOptions.defaults()),
                new Step.Scroll(0, 100, null, StepOptions.defaults()));
        assertThat(steps("""
                {"ops":[{"op":"click","element_id":"el_0"},{"op":"scroll","delta_y":100}]}""")).isEqualTo(canonical);
        assertThat(steps("""
                {"actions":[{"op":"click","element_id":"el_0"},{"op":"scroll","delta_y":100}]}""")).isEqualTo(canonical);
        assertThat(steps("""
                [{"op":"click","element_id":"el_0"},{"op":"scroll","delta_y":100}]""")).isEqualTo(canonical);
        assertThat(steps("""
                [{"action":"browse_click","ref":"el_0"},{"tool":"browser_scroll","dy":100}]""")).isEqualTo(canonical);
        assertThat(steps("""
                [{"type":"CLICK","id":"el_0"},{"op":"Browser_Scroll","dy":100}]""")).isEqualTo(canonical);
        assertThat(ScriptParser.parse(TextNode.valueOf(CANONICAL)).steps()).isEqualTo(canonical);
    }

    @Test
    void topLevelOptionsAndDefaults() {
        Script script = ScriptParser.parse(parse("""
                {"steps":[{"op":"wait","ms":10},{"op":"navigate","url":"about:blank","timeout_ms":7}],
                 "stop_on_error":false,"default_timeout_ms":1234}"""));
        assertThat(script.stopOnError()).isFalse();
        assertThat(script.timeoutMsOf(script.steps().get(0))).isEqualTo(1234);
        assertThat(script.timeoutMsOf(script.steps().get(1))).isEqualTo(7);

        Script defaults = ScriptParser.parse(parse("[{\"op\":\"wait\",\"ms\":1},{\"op\":\"navigate\",\"url\":\"about:blank\"}]"));
        assertThat(defaults.stopOnError()).isTrue();
        assertThat(defaults.timeoutMsOf(defaults.steps().get(0))).isEqualTo(5_000);
        assertThat(defaults.timeoutMsOf(defaults.steps().get(1))).isEqualTo(30_000);
        assertThat(steps("[]")).isEmpty();
    }

    @Test
    void unknownOpPassesValidationAndKeepsItsName() {
        assertThat(steps("[{\"op\":\"hover\",\"element_id\":\"el_1\"}]"))
                .containsExactly(new Step.Unsupported("hover", StepOptions.defaults()));
        assertThat(steps("[{\"tool\":\"browser_Hover\"}]"))
                .containsExactly(new Step.Unsupported("browser_Hover", StepOptions.defaults()));
    }

    @Test
    void everyOpParsesItsFields() {
        List<Step> parsed = steps("""
                [{"op":"navigate","url":"https://example.org/a?b=c"},
                 {"op":"observe","include_screenshot":true,"interactive_only":false,"max_elements":5,"ocr":true},
                 {"op":"click","x":10,"y":20.5,"settle_ms":0},
                 {"op":"type","text":"hi","element_id":"el_1","clear":true,"submit":true,"map_id":"m2"},
                 {"op":"keypress","key":"Enter","modifiers":["ctrl","Shift","cmd","option"]},
                 {"op":"scroll","dx":-5,"element_id":"el_3"},
                 {"op":"wait","condition":"element","name_contains":"Arrived","role":"button"},
                 {"op":"screenshot","full_page":true},
                 {"op":"extract","max_chars":10},
                 {"op":"set_cookies","cookies":[{"name":"k","value":"v","domain":"example.org","same_site":"Lax",
                   "http_only":true,"expires":1.5e9}]}]""");
        assertThat(parsed).containsExactly(
                new Step.Navigate("https://example.org/a?b=c", StepOptions.defaults()),
                new Step.Observe(true, false, 5, true, StepOptions.defaults()),
                new Step.Click(null, 10.0, 20.5, new StepOptions(null, null, 0)),
                new Step.Type("hi", "el_1", true, true, new StepOptions(null, "m2", 50)),
                new Step.Keypress(Key.parse("Enter").orElseThrow(),
                        List.of(Modifier.CONTROL, Modifier.SHIFT, Modifier.META, Modifier.ALT), StepOptions.defaults()),
                new Step.Scroll(-5, 0, "el_3", StepOptions.defaults()),
                new Step.Wait(new WaitCondition(WaitCondition.Kind.ELEMENT, null, null, "Arrived", "button"), null,
                        StepOptions.defaults()),
                new Step.Screenshot(true, StepOptions.defaults()),
                new Step.Extract(null, 10, StepOptions.defaults()),
                new Step.SetCookies(List.of(new Cookie("k", "v", null, "example.org", null, null, true, "Lax", 1.5e9)),
                        StepOptions.defaults()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            step without an op field           | [{"url":"http://a/"}]                                  | invalid params: script[0].op: required
            op field not a string              | {"steps":[{"op":7}]}                                   | invalid params: script.steps[0].op: expected a string
            step not an object                 | {"steps":[{"op":"observe"},3]}                          | invalid params: script.steps[1]: expected an object
            navigate without url               | {"steps":[{"op":"observe"},{"op":"navigate"}]}          | invalid params: script.steps[1].url: required
            navigate to file:                  | [{"op":"navigate","url":"file:///etc/passwd"}]          | invalid params: script[0].url: file:///etc/passwd (expected: an absolute http or https URL, or about:blank)
            navigate to javascript:            | [{"op":"navigate","url":"javascript:alert(1)"}]         | invalid params: script[0].url: javascript:alert(1) (expected: an absolute http or https URL, or about:blank)
            navigate to data:                  | [{"op":"navigate","url":"data:text/html,hi"}]           | invalid params: script[0].url: data:text/html,hi (expected: an absolute http or https URL, or about:blank)
            navigate relative                  | [{"op":"navigate","url":"/form.html"}]                  | invalid params: script[0].url: /form.html (expected: an absolute http or https URL, or about:blank)
            click with element_id and x/y      | [{"op":"click","element_id":"el_1","x":1,"y":2}]        | invalid params: script[0]: expected either element_id or x and y, not both
            click with neither                 | [{"op":"click"}]                                        | invalid params: script[0]: expected element_id, or x and y
            click with x only                  | [{"op":"click","x":1}]                                  | invalid params: script[0].y: required with x
            wait with condition and ms         | [{"op":"wait","condition":"page_loaded","ms":5}]        | invalid params: script[0]: expected exactly one of condition or ms, not both
            wait with neither                  | [{"op":"wait"}]                                         | invalid params: script[0]: expected condition or ms
            wait unknown condition             | [{"op":"wait","condition":"idle"}]                      | invalid params: script[0].condition: "idle" (expected: page_loaded, url_changed, text, element)
            wait text without text             | [{"op":"wait","condition":"text"}]                      | invalid params: script[0].text: required
            wait element without name          | [{"op":"wait","condition":"element","role":"button"}]   | invalid params: script[0].name_contains: required
            wait ms out of range               | [{"op":"wait","ms":600001}]                             | invalid params: script[0].ms: 600001 (expected: 0-600000)
            keypress with key Hyper            | [{"op":"keypress","key":"Hyper"}]                       | invalid params: script[0].key: "Hyper" (expected: a single character or one of Enter, Tab, Escape, Backspace, Delete, Space, ArrowLeft, ArrowUp, ArrowRight, ArrowDown, Home, End, PageUp, PageDown, Insert, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12)
            keypress unknown modifier          | [{"op":"keypress","key":"a","modifiers":["hyper"]}]     | invalid params: script[0].modifiers[0]: "hyper" (expected: shift, control, alt, meta, ctrl, cmd, option)
            keypress without key               | [{"op":"keypress"}]                                     | invalid params: script[0].key: required
            type without text                  | [{"op":"type","element_id":"el_0"}]                     | invalid params: script[0].text: required
            type text not a string             | [{"op":"type","text":5}]                                | invalid params: script[0].text: expected a string
            scroll without delta               | [{"op":"scroll","element_id":"el_0"}]                   | invalid params: script[0].delta_y: required (or delta_x)
            observe max_elements out of range  | [{"op":"observe","max_elements":0}]                     | invalid params: script[0].max_elements: 0 (expected: 1-10000)
            observe flag not boolean           | [{"op":"observe","ocr":"yes"}]                          | invalid params: script[0].ocr: expected a boolean
            timeout_ms out of range            | [{"op":"observe","timeout_ms":0}]                       | invalid params: script[0].timeout_ms: 0 (expected: 1-600000)
            settle_ms out of range             | [{"op":"click","x":1,"y":1,"settle_ms":5001}]           | invalid params: script[0].settle_ms: 5001 (expected: 0-5000)
            timeout_ms fractional              | [{"op":"observe","timeout_ms":1.5}]                     | invalid params: script[0].timeout_ms: expected an integer
            ref not a string                   | [{"op":"click","ref":3}]                                | invalid params: script[0].ref: expected a string
            extract max_chars out of range     | [{"op":"extract","max_chars":1000001}]                  | invalid params: script[0].max_chars: 1000001 (expected: 1-1000000)
            cookie without value               | [{"op":"set_cookies","cookies":[{"name":"k","url":"http://a/"}]}] | invalid params: script[0].cookies[0].value: required
            cookie without url or domain       | [{"op":"set_cookies","cookies":[{"name":"k","value":"v"}]}]      | invalid params: script[0].cookies[0]: expected url or domain
            cookie bad same_site               | [{"op":"set_cookies","cookies":[{"name":"k","value":"v","domain":"a","same_site":"Loose"}]}] | invalid params: script[0].cookies[0].same_site: "Loose" (expected: Strict, Lax, None)
            no cookies                         | [{"op":"set_cookies","cookies":[]}]                     | invalid params: script[0].cookies: 0 cookies (expected: 1-100)
            steps not an array                 | {"steps":{"op":"observe"}}                              | invalid params: script.steps: expected an array
            object without steps               | {"op":"observe"}                                        | invalid params: script.steps: required
            script neither object nor array    | 42                                                      | invalid params: script: expected an object or an array
            stop_on_error not boolean          | {"steps":[],"stop_on_error":"no"}                       | invalid params: script.stop_on_error: expected a boolean
            default_timeout_ms out of range    | {"steps":[],"default_timeout_ms":600001}                | invalid params: script.default_timeout_ms: 600001 (expected: 1-600000)
            """)
    void rejects(String description, String script, String message) {
        assertThat(problemOf(script)).isEqualTo(message);
    }

    @Test
    void rejectsMoreThanAThousandSteps() {
        String script = "[" + String.join(",", Collections.nCopies(1001, "{\"op\":\"observe\"}")) + "]";
        assertThat(problemOf(script)).isEqualTo("invalid params: script: at most 1000 steps (got 1001)");
        String limit = "[" + String.join(",", Collections.nCopies(1000, "{\"op\":\"observe\"}")) + "]";
        assertThat(steps(limit)).hasSize(1000);
    }

    @Test
    void scriptInsideAStringMustBeJson() {
        assertThat(problemOfScript(TextNode.valueOf("{not json")))
                .startsWith("invalid params: script: not valid JSON: ");
        assertThat(problemOfScript(TextNode.valueOf("[{\"op\":\"navigate\"}]")))
                .isEqualTo("invalid params: script[0].url: required");
        assertThatThrownBy(() -> ScriptParser.parse(null)).hasMessage("invalid params: script: required");
    }

    @Test
    void theErrorIsAnInvalidParamsRpcError() {
        InvalidScriptException e = assertThrows(InvalidScriptException.class,
                () -> ScriptParser.parse(parse("[{\"op\":\"navigate\"}]")));
        assertThat(e.code()).isEqualTo(-32602);
        assertThat(e.path()).isEqualTo("script[0].url");
        assertThat(e.problem()).isEqualTo("required");
    }
}
