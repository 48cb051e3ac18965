package dev.agentd.memgine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memory §4 (check 7, text part) and the core slug convention, table-driven. */
class TextProcessingTest {

    @ParameterizedTest(name = "stem({0}) = {1}")
    @CsvSource({
        // the examples of §4
        "deployment, deploy", "running, runn", "classes, class", "nodes, nod", "cats, cat", "pass, pass",
        "used, used", "bus, bus",
        // shorter than 4 is returned lowercased; a matching suffix leaving < 3 chars is skipped
        "Was, was", "bed, bed", "ated, ated", "notation, not", "Station, sta", "needs, need", "glass, glass",
        "walked, walk", "quickly, quick", "boxes, box", "faster, fast"
    })
    void stemmer(String word, String stem) {
        assertThat(Stemmer.stem(word)).isEqualTo(stem);
    }

    @ParameterizedTest(name = "T({0})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Deploy target: prod-eu-1 | deploy,target,prod,eu,1",
        "what now?                | what,now?",
        "a/b:c_d.e,f-g  h         | a,b,c,d,e,f,g,h",
        "Same same SAME           | same",
        "one\u00a0two\u2003three   | one,two,three",
        "(paren) 'quote'          | (paren),'quote'",
    })
    void seedTokenizer(String text, String tokens) {
        assertThat(Tokenizer.seedTokens(text)).containsExactlyElementsOf(List.of(tokens.split(",")));
    }

    @ParameterizedTest(name = "K({0})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "what now?                | what,now",
        "(paren) 'quote' \u201cx\u201d | paren,quote,x",
        "a!b#c%d&e*f;g            | a,b,c,d,e,f,g",
        "x+y=z $5 <tag>           | x+y=z,$5,<tag>",
    })
    void keywordTokenizer(String text, String tokens) {
        assertThat(Tokenizer.keywordTokens(text)).containsExactlyElementsOf(List.of(tokens.split(",")));
    }

    @ParameterizedTest(name = "syn({0})")
    @CsvSource(delimiter = '|', value = {
        "DB          | db,database,sql,query,postgres,sqlite,mysql",
        "tokens      | auth,authenticate,authorization,credential,login,jwt,token,verify",
        "run         | exec,execute,run,invoke,call,dispatch",
        "alerts      | msg,message,notification,alert,event",
        // stem(running) = runn and stem(messages) = messag match no member: the stemmer is crude
        "running     | ",
        "messages    | ",
        "deploy      | ",
    })
    void synonyms(String token, String group) {
        List<String> expected = group == null ? List.of() : List.of(group.split(","));
        assertThat(Synonyms.of(token)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "est(len {0}) = {1}")
    @CsvSource({"0, 1", "1, 1", "4, 1", "5, 2", "400, 100", "401, 101"})
    void tokenEstimate(int length, int estimate) {
        assertThat(TokenEstimate.of("x".repeat(length))).isEqualTo(estimate);
    }

    @ParameterizedTest(name = "slug({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "Deploy target!   | deploy-target",
        "--a__b..c--      | a__b..c",
        "!!!              | fact",
        "Ünïcode größe    | n-code-gr-e",
    })
    void slug(String text, String slug) {
        assertThat(Slug.of(text)).isEqualTo(slug);
    }

    @Test
    void slugIsCutTo96Chars() {
        assertThat(Slug.of("a".repeat(200))).hasSize(96);
    }
}
