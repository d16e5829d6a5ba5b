"""How long the risk check takes: every corpus sentence (what a post costs), and long texts (a 20,000-character
post, the API's limit), with the shipped grammars of every language compiled once, as on the site. No database:
the grammars come from safety/data/risk/*.json, the same compiler as the tables.

Before timing it checks its answers: a few sentences of each kind must come out as that kind, and an everyday one
as nothing (a bench that measures a broken check measures nothing).

Run:  .venv/bin/python bench/risk_bench.py [--repeat 5] [--quick]
--quick (CI): one pass over 100 sentences and one long text.
"""

import argparse
import statistics
import sys
import time

import pagebench

CHECKS = [
    ("my friend won't wake up and his lips are blue", "overdose"),
    ("i want to die", "suicide"),
    ("me corté anoche otra vez", "self_harm"),
    ("he hits me when he drinks", "harm"),
    ("craving so bad tonight", "craving"),
    ("this job is killing me lol", ""),
]


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    pagebench.setup_django()
    from safety.crisis import check_text, grammars_from
    from safety.risk_data import shipped
    from safety.risk_report import read_corpus

    started = time.perf_counter()
    grammars = grammars_from(shipped())
    compile_ms = (time.perf_counter() - started) * 1000
    for text, kind in CHECKS:
        got = check_text(text, grammars=grammars).kind
        if got != kind:
            print(f"wrong answer: {text!r} gave {got!r}, expected {kind!r}", file=sys.stderr)
            return 1
    sentences = [s.text for s in read_corpus()]
    repeat = 1 if args.quick else args.repeat
    if args.quick:
        sentences = sentences[:100]
    per_sentence = []
    for _ in range(repeat):
        for text in sentences:
            t0 = time.perf_counter()
            check_text(text, grammars=grammars)
            per_sentence.append((time.perf_counter() - t0) * 1000)
    long_text = (" ".join(sentences) * 10)[:20_000]
    long_ms = []
    for _ in range(1 if args.quick else repeat):
        t0 = time.perf_counter()
        check_text(long_text, grammars=grammars)
        long_ms.append((time.perf_counter() - t0) * 1000)
    per_sentence.sort()
    print(f"risk check, {len(grammars)} languages ({', '.join(sorted(grammars))}), compiled in {compile_ms:.0f} ms")
    print(
        f"one sentence: median {statistics.median(per_sentence):.2f} ms, "
        f"p95 {pagebench.percentile(per_sentence, 95):.2f} ms over {len(per_sentence)} checks"
    )
    print(f"a 20,000-character text: median {statistics.median(long_ms):.0f} ms over {len(long_ms)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
