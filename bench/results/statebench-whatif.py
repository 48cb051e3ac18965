#!/usr/bin/env python3
"""What-if analysis of the memory §6 context layout on StateBench (tuning aid, not part of the build).

It takes the contexts the engine actually built (StateBench --contexts FILE) and re-scores them
after text-level edits that model proposed engine changes, so a change can be weighed on `train`
before anyone touches memgine. Scoring follows memory §11.2 exactly as the Java harness does
(retrievable = non-empty must_mention all present in what the timeline wrote before the query).

    java -cp bench/target/agentd-bench.jar dev.agentd.bench.statebench.StateBench \
        --data ../shared/data/statebench --split train --out /tmp/train.json --contexts /tmp/train-contexts.jsonl
    python3 bench/results/statebench-whatif.py ../shared/data/statebench/train.jsonl /tmp/train-contexts.jsonl

Edits modelled (each a proposed rule; "dead" = superseded fact bodies and replaced environment values):
  A  redact: in Facts lines, every verbatim occurrence of a dead body becomes "[superseded]"
  B  stale turns: a Conversation turn holding a dead body verbatim is dropped, unless it also states
     a current value (the superseding body or a valid fact body), in which case the dead body is
     redacted; a turn left with no content is dropped
  C  environment history: values replaced by set_environment count as dead for A and B
  S  update test: a supersession counts as dead text for A/B only when the two subjects share at
     least half of their T-tokens (Jaccard >= 0.5), i.e. it updates one attribute; a chain of
     different subjects (an event log) keeps its history turns
  P  paraphrase: also drop a turn holding >= 60 % of a dead body's stems and every stem that the
     dead body has and its replacement lacks
  Q  questions: drop user turns that contain "?" (a request states no state; StateBench's
     enterprise_privacy attacks name other tenants in them) — blunt, shown for scale only
"""
import collections, json, re, sys

SEED_SEP = re.compile(r"[\s/:\-_.,]+")
WORD_SEP = re.compile(r"[\s/:\-_.,!?;()\[\]\"'\u201c\u201d\u2018\u2019\u2026]+")
SUFFIXES = "ation tion ment ness able ible ence ance ing ful ous ive ize ise ify ate ed er ly al es".split()
MARK = "[superseded]"


def stem(w):
    if len(w) < 4:
        return w
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[:-len(s)]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def stems(text):
    return {stem(t) for t in WORD_SEP.split(text.lower()) if t}


def jaccard(a, b):
    a, b = set(t for t in SEED_SEP.split(a.lower()) if t), set(t for t in SEED_SEP.split(b.lower()) if t)
    return len(a & b) / len(a | b)


def identity(role):
    lines = [f"User: {role['user_name']}", f"Role: {role['authority']}"]
    for key, label in (("department", "Department"), ("organization", "Organization"),
                       ("communication_style", "Communication style")):
        if role.get(key) is not None:
            lines.append(f"{label}: {role[key]}")
    return lines


def queries(timelines):
    """Per query: ground truth, retrievability, and the dead/current values known at that point."""
    for t in timelines:
        init = t["initial_state"]
        facts, by_id, by_key, env, env_dead = [], {}, {}, {}, []
        written = identity(init["identity_role"])

        def fact(w):
            facts.append({"key": w["key"], "value": w["value"], "valid": True, "by": None})
            target = by_id.get(w.get("supersedes"), by_key.get(w.get("supersedes")))
            if w.get("supersedes") and target is not None:
                facts[target]["valid"], facts[target]["by"] = False, len(facts) - 1
            by_key[w["key"]] = len(facts) - 1
            if w["id"] != "W-AUTO":
                by_id[w["id"]] = len(facts) - 1
            written.append(f"{w['key']}: {w['value']}")

        def environment(key, value):
            if key in env and env[key] != value:
                env_dead.append(env[key])
            env[key] = value
            written.append(f"{key}: {value}")

        for f in init["persistent_facts"]:
            fact(f)
        written += [item["content"] for item in init["working_set"]]
        for key, value in init["environment"].items():
            environment(key, value)
        index = 0
        for e in t["events"]:
            if e["type"] == "conversation_turn":
                written.append(f"{e['speaker']}: {e['text']}")
            elif e["type"] in ("state_write", "supersession"):
                for w in e["writes"]:
                    if w["layer"] == "persistent_facts":
                        fact(w)
                    elif w["layer"] == "environment":
                        environment(w["key"], w["value"])
                    else:
                        written.append(f"context: {w['key']}: {w['value']}")
            elif e["type"] == "query":
                truth = e["ground_truth"]
                mm = [m.lower() for m in truth["must_mention"]]
                text = "\n".join(written + [e["prompt"]]).lower()
                yield {"timeline": t["id"], "query": index, "track": t["track"], "must": mm,
                       "must_not": [m.lower() for m in truth["must_not_mention"]],
                       "retrievable": bool(mm) and all(m in text for m in mm),
                       "superseded": [(f["value"], facts[f["by"]]["value"], jaccard(f["key"], facts[f["by"]]["key"]))
                                      for f in facts if not f["valid"]],
                       "valid": [f["value"] for f in facts if f["valid"]], "env_dead": list(env_dead)}
                index += 1


def lines_of(context):
    """(section, line) pairs of a build_context result; headings are kept (section None): they are
    part of the context and a dead string such as "#" matches them."""
    out, section, after_blank = [], None, True
    for line in context.split("\n"):
        if after_blank and line.startswith("## "):
            section = line[3:]
            out.append((None, line))
        elif line == "### Recent":
            out.append((None, line))
        elif line:
            out.append((section, line))
        after_blank = line == ""
    return out


def redact(text, bodies):
    """Every case-insensitive occurrence of a dead body, longest first, becomes MARK."""
    for body in sorted(bodies, key=len, reverse=True):
        if body:
            text = re.sub(re.escape(body), MARK, text, flags=re.IGNORECASE)
    return text


def variant(redact_facts=False, stale_turns=False, env_history=False, update_only=False, paraphrase=False,
            questions=False):
    def edit(q, lines):
        pairs = [(old, new) for old, new, similarity in q["superseded"] if not update_only or similarity >= 0.5]
        dead = [old for old, _ in pairs] + (q["env_dead"] if env_history else [])
        current = [new for _, new in pairs] + q["valid"]
        out = []
        for section, line in lines:
            if section == "Facts" and redact_facts:
                line = redact(line, dead)
            if section == "Conversation" and stale_turns:
                low = line.lower()
                if any(d.lower() in low for d in dead):
                    if not any(c and c.lower() in low for c in current):
                        continue
                    line = redact(line, dead)
                    if len(WORD_SEP.sub("", line.split(": ", 1)[-1].replace(MARK, ""))) < 3:
                        continue
                if paraphrase and any(_paraphrases(line, old, new) for old, new in pairs):
                    continue
                if questions and line.startswith("user: ") and "?" in line:
                    continue
            out.append((section, line))
        return out
    return edit


def _paraphrases(line, old, new):
    old_stems, line_stems = stems(old), stems(line)
    changed = old_stems - stems(new)
    return bool(old_stems) and bool(changed) and len(old_stems & line_stems) / len(old_stems) >= 0.6 \
        and changed <= line_stems


def score(qs, contexts, edit, per_track=False):
    recalled = retrievable = resurrected = forbidden = 0
    tracks = collections.defaultdict(lambda: [0, 0, 0, 0])
    for q in qs:
        text = "\n".join(line for _, line in edit(q, lines_of(contexts[(q["timeline"], q["query"])]))).lower()
        track = tracks[q["track"]]
        if q["retrievable"]:
            hit = all(m in text for m in q["must"])
            recalled, retrievable, track[0], track[1] = recalled + hit, retrievable + 1, track[0] + hit, track[1] + 1
        if q["must_not"]:
            bad = any(m in text for m in q["must_not"])
            resurrected, forbidden, track[2], track[3] = resurrected + bad, forbidden + 1, track[2] + bad, track[3] + 1
    return recalled, retrievable, resurrected, forbidden, tracks


def main():
    timelines = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    contexts = {}
    for line in open(sys.argv[2]):
        row = json.loads(line)
        contexts[(row["timeline"], row["query"])] = row["context"]
    qs = list(queries(timelines))
    no_turns = lambda q, lines: [(s, l) for s, l in lines if s != "Conversation" and l != "## Conversation"
                                 and l != "### Recent"]
    rows = [
        ("engine as built", lambda q, lines: lines),
        ("engine without Conversation (~ valid-state oracle)", no_turns),
        ("A+B+C, every supersession", variant(True, True, True)),
        ("A+B+C+S", variant(True, True, True, True)),
        ("A+B+C+S+P (recommended)", variant(True, True, True, True, True)),
        ("A+B+C+S+P+Q", variant(True, True, True, True, True, True)),
        ("  without A (no redaction in Facts)", variant(False, True, True, True)),
        ("  without B (turns untouched)", variant(True, False, True, True)),
        ("  without C (no environment history)", variant(True, True, False, True)),
    ]
    print(f"{'variant':52s} {'recall':>18s} {'resurrection':>18s}")
    for name, edit in rows:
        rec, ret, res, forb, _ = score(qs, contexts, edit)
        print(f"{name:52s} {100 * rec / ret:6.2f}% ({rec:3d}/{ret:3d}) {100 * res / forb:6.2f}% ({res:3d}/{forb:3d})")
    print("\nper track, A+B+C+S+P: recalled/retrievable, resurrected/with must_not_mention")
    for track, (a, b, c, d) in sorted(score(qs, contexts, variant(True, True, True, True, True))[4].items()):
        print(f"  {track:26s} {a:3d}/{b:3d}  {c:3d}/{d:3d}")


if __name__ == "__main__":
    main()
