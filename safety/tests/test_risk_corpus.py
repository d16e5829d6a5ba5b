"""The corpus and its report (`make risk-report`): the corpus is well formed and big enough, the halves are
stable, and the shipped grammar does not fall below the figures it reached (a floor that catches a regression;
the targets themselves, recall >= 97% and false positives <= 5%, are printed by the report)."""

from safety.risk_report import evaluate, read_corpus, report

# The held-back half's figures when this floor was set (2026-12-02), rounded down.
RECALL_FLOOR = 0.60
FALSE_POSITIVE_CEILING = 0.10


def test_each_language_has_300_at_risk_and_300_everyday_sentences():
    sentences = read_corpus()
    for language in ("en", "es", "pt"):
        mine = [s for s in sentences if s.language == language]
        at_risk = [s for s in mine if s.labels[0] not in ("none", "craving")]
        everyday = [s for s in mine if s.labels[0] == "none"]
        assert len(at_risk) >= 300 and len(everyday) >= 300, language


def test_the_halves_are_stable_and_about_even():
    sentences = read_corpus()
    tune = [s for s in sentences if s.half == "tune"]
    assert 0.4 < len(tune) / len(sentences) < 0.6
    assert [s.half for s in sentences] == [s.half for s in read_corpus()]


def test_the_report_prints_every_kind_and_language():
    text, _ok = report("report")
    for word in ("overdose", "suicide", "self_harm", "harm", "craving", "everyday", "en ", "es ", "pt "):
        assert word in text


def test_the_shipped_grammar_stays_above_its_floor_on_the_held_back_half():
    tallies = evaluate([s for s in read_corpus() if s.half == "report"])
    for language, tally in tallies.items():
        for kind in tally.total:
            assert tally.recall(kind) >= RECALL_FLOOR, (language, kind)
        assert tally.false_positive_rate <= FALSE_POSITIVE_CEILING, language
