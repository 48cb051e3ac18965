package dev.agentd.memgine.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The 12 fixed synonym groups of memory §4 and {@code syn(t)}. */
public final class Synonyms {
    private static final List<List<String>> GROUPS = List.of(
            List.of("auth", "authenticate", "authorization", "credential", "login", "jwt", "token", "verify"),
            List.of("db", "database", "sql", "query", "postgres", "sqlite", "mysql"),
            List.of("err", "error", "exception", "panic", "fail", "failure"),
            List.of("config", "configuration", "setting", "preference", "option"),
            List.of("msg", "message", "notification", "alert", "event"),
            List.of("req", "request", "http", "api", "endpoint", "route"),
            List.of("resp", "response", "reply", "result", "output"),
            List.of("mem", "memory", "cache", "buffer", "storage"),
            List.of("exec", "execute", "run", "invoke", "call", "dispatch"),
            List.of("parse", "deserialize", "decode", "unmarshal", "extract"),
            List.of("serial", "serialize", "encode", "marshal", "format"),
            List.of("nav", "navigate", "redirect", "goto"));

    /** Each member's stem, computed once: {@code syn} runs for every query token. */
    private static final List<List<String>> MEMBER_STEMS = GROUPS.stream()
            .map(group -> group.stream().map(Stemmer::stem).toList())
            .toList();

    private Synonyms() {}

    public static List<List<String>> groups() {
        return GROUPS;
    }

    /**
     * {@code syn(t)}: the union of every group with a member {@code m} such that
     * {@code m == lower(t)} or {@code stem(m) == stem(t)}, in group order; empty if none.
     */
    public static List<String> of(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        String stem = Stemmer.stem(token);
        Set<String> union = new LinkedHashSet<>();
        for (int g = 0; g < GROUPS.size(); g++) {
            List<String> group = GROUPS.get(g);
            if (group.contains(lower) || MEMBER_STEMS.get(g).contains(stem)) {
                union.addAll(group);
            }
        }
        return new ArrayList<>(union);
    }
}
