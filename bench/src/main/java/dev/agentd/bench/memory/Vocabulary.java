package dev.agentd.bench.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.text.Tokenizer;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The word distribution of {@code synth-v1} (memory §10): the seed tokens {@code T(·)} of 2–20
 * chars containing a letter, taken from the turn texts, fact values and query prompts of
 * StateBench {@code train.jsonl}, each weighted by its frequency.
 *
 * <p>Where §10 leaves room: a token's frequency is the number of texts whose token set
 * {@code T(text)} holds it ({@code T} is a set, so a word repeated inside one text counts once);
 * the texts are read in file order — per timeline the initial persistent fact values, then per
 * event the turn text, each persistent-fact write's value or the prompt — and the vocabulary keeps
 * first-occurrence order, so sampling is reproducible.
 */
public final class Vocabulary {
    private static final int MIN_LENGTH = 2;
    private static final int MAX_LENGTH = 20;

    private final String[] words;
    private final long[] cumulativeWeights;

    private Vocabulary(String[] words, long[] cumulativeWeights) {
        this.words = words;
        this.cumulativeWeights = cumulativeWeights;
    }

    public static Vocabulary fromStateBench(Path trainJsonl) {
        Map<String, Long> frequencies = new LinkedHashMap<>();
        for (String text : texts(trainJsonl)) {
            for (String token : Tokenizer.seedTokens(text)) {
                if (isWord(token)) {
                    frequencies.merge(token, 1L, Long::sum);
                }
            }
        }
        String[] words = frequencies.keySet().toArray(String[]::new);
        long[] cumulative = new long[words.length];
        long total = 0;
        for (int i = 0; i < words.length; i++) {
            total += frequencies.get(words[i]);
            cumulative[i] = total;
        }
        return new Vocabulary(words, cumulative);
    }

    public int size() {
        return words.length;
    }

    /** One word, drawn with probability proportional to its frequency (one {@code nextLong} draw). */
    public String sample(SplittableRandom random) {
        long ticket = random.nextLong(cumulativeWeights[cumulativeWeights.length - 1]);
        int index = Arrays.binarySearch(cumulativeWeights, ticket + 1);
        return words[index >= 0 ? index : -index - 1];
    }

    /** {@code count} words drawn one after the other. */
    public List<String> sample(SplittableRandom random, int count) {
        List<String> sampled = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sampled.add(sample(random));
        }
        return sampled;
    }

    private static boolean isWord(String token) {
        return token.length() >= MIN_LENGTH && token.length() <= MAX_LENGTH
                && token.chars().anyMatch(Character::isLetter);
    }

    private static List<String> texts(Path trainJsonl) {
        List<String> texts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(trainJsonl, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    addTexts(Json.mapper().readTree(line), texts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trainJsonl, e);
        }
        return texts;
    }

    private static void addTexts(JsonNode timeline, List<String> texts) throws JsonProcessingException {
        for (JsonNode fact : embedded(timeline.path("initial_state")).path("persistent_facts")) {
            texts.add(fact.path("value").asText());
        }
        for (JsonNode event : embedded(timeline.path("events"))) {
            switch (event.path("type").asText()) {
                case "conversation_turn" -> texts.add(event.path("text").asText());
                case "state_write", "supersession" -> {
                    for (JsonNode write : event.path("writes")) {
                        if (write.path("layer").asText().equals("persistent_facts")) {
                            texts.add(write.path("value").asText());
                        }
                    }
                }
                case "query" -> texts.add(event.path("prompt").asText());
                default -> { }
            }
        }
    }

    private static JsonNode embedded(JsonNode node) throws JsonProcessingException {
        return node.isTextual() ? Json.mapper().readTree(node.asText()) : node;
    }
}
