package dev.agentd.browser;

import static dev.agentd.browser.testing.BrowserHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentd.browser.script.InvalidScriptException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code browser.run} params (browser §2.1, §7.5; checks 1 and 3). */
class RunRequestTest {
    private static String problemOf(String params) {
        return catchThrowableOfType(InvalidScriptException.class, () -> RunRequest.parse(parse(params))).getMessage();
    }

    @Test
    void scriptThatIsNotJsonIsRejectedFirst() {
        InvalidScriptException e = catchThrowableOfType(InvalidScriptException.class,
                () -> RunRequest.parse(parse("{\"script\":\"{not json\",\"width\":50}")));
        assertThat(e.code()).isEqualTo(-32602);
        assertThat(e.getMessage()).startsWith("invalid params: script: not valid JSON");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            managed flag                 | {"script":[],"extra_args":["--user-data-dir=/x"]}             | invalid params: extra_args[0]: --user-data-dir=/x names --user-data-dir, which agentd manages
            managed flag without value   | {"script":[],"extra_args":["--lang=de","--headless"]}         | invalid params: extra_args[1]: --headless names --headless, which agentd manages
            remote-allow-origins         | {"script":[],"extra_args":["--remote-allow-origins=*"]}       | invalid params: extra_args[0]: --remote-allow-origins=* names --remote-allow-origins, which agentd manages
            debugging pipe               | {"script":[],"extra_args":["--remote-debugging-pipe"]}        | invalid params: extra_args[0]: --remote-debugging-pipe names --remote-debugging-pipe, which agentd manages
            extra arg not a string       | {"script":[],"extra_args":[42]}                               | invalid params: extra_args[0]: expected a string
            extra arg not a flag         | {"script":[],"extra_args":["about:blank"]}                    | invalid params: extra_args[0]: "about:blank" (expected: a flag starting with --)
            extra_args not an array      | {"script":[],"extra_args":"--lang=de"}                        | invalid params: extra_args: expected an array
            width too small              | {"script":[],"width":50}                                      | invalid params: width: 50 (expected: 200-7680)
            width too large              | {"script":[],"width":7681}                                    | invalid params: width: 7681 (expected: 200-7680)
            height too large             | {"script":[],"height":4321}                                   | invalid params: height: 4321 (expected: 200-4320)
            width not an integer         | {"script":[],"width":"800"}                                   | invalid params: width: expected an integer
            headed not a boolean         | {"script":[],"headed":1}                                      | invalid params: headed: expected a boolean
            script missing               | {"width":800}                                                 | invalid params: script: required
            params not an object         | [1]                                                           | invalid params: params: expected an object
            """)
    void rejects(String description, String params, String message) {
        assertThat(problemOf(params)).isEqualTo(message);
    }

    @Test
    void absentLaunchParamsStayAbsentAndDefaultAtLaunch() {
        RunRequest request = RunRequest.parse(parse("{\"script\":[]}"));
        assertThat(request.width()).isNull();
        assertThat(request.headed()).isNull();
        assertThat(request.extraArgs()).isNull();
        assertThat(request.launchOptions()).isEqualTo(new LaunchOptions(false, 1280, 720, List.of()));

        RunRequest given = RunRequest.parse(parse(
                "{\"script\":\"[]\",\"width\":200,\"height\":4320,\"headed\":true,\"extra_args\":[\"--lang=de\"]}"));
        assertThat(given.launchOptions()).isEqualTo(new LaunchOptions(true, 200, 4320, List.of("--lang=de")));
        assertThat(given.script().steps()).isEmpty();
    }
}
