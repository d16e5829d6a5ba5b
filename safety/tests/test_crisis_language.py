"""Crisis language: which sentences offer help before posting, which everyday idioms do not, and that operators'
edits in the admin take effect at once."""

import pytest
from django.apps import apps

from safety.crisis import check_text, fold, forget_grammar
from safety.models import RiskRule, RiskWord
from safety.risk_data import seed_tables, shipped

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def crisis_phrases(db):
    """A transactional test elsewhere may have flushed the seeded phrases: put them back; and drop whatever this
    process compiled before (a phrase another test added, then rolled back)."""
    if not RiskRule.objects.exists():
        seed_tables(apps)
    forget_grammar()
    yield
    forget_grammar()


# Accuracy on realistic sentences is measured by the corpus report (safety/corpus, `make risk-report`), not here:
# these tests pin down the mechanisms.


def test_an_idiom_spoils_only_the_words_it_covers():
    assert not check_text("this job is killing me").at_risk
    assert check_text("this job is killing me. I want to die").kind == "suicide"
    assert check_text("Me muero de risa, pero de verdad quiero morir").at_risk


def test_negation_counts_only_where_it_sits():
    assert not check_text("I'm not going to kill myself, I just need to vent").at_risk
    assert check_text("I don't want to live anymore").at_risk
    assert check_text("I don't want to die, but I keep thinking about killing myself").at_risk
    assert not check_text("No quiero morir, solo necesito hablar").at_risk
    assert check_text("Ya no quiero vivir").at_risk


def test_the_language_is_a_hint_not_a_filter():
    """Members switch languages within a message: every language's grammar reads every text."""
    assert check_text("I want to die", language="es").at_risk
    assert check_text("quiero morir", language="en-GB").at_risk
    assert check_text("Hoy fue duro. I want to die.", language="es").language.startswith("en")


def test_matching_is_word_bounded():
    assert not check_text("Skill myself up with a course").at_risk
    assert check_text("…kill myself.").at_risk


def test_empty_and_blank_texts_are_not_at_risk():
    for text in ["", "   ", "\n\n", None]:
        assert check_text(text).at_risk is False and check_text(text).kind == ""


def test_the_result_names_rules_never_words():
    result = check_text("I want to die. I WANT TO DIE.")
    assert result.matched and all(name.startswith(("en:", "es:", "pt:")) for name in result.matched)
    assert "die" not in " ".join(result.matched)


def test_fold_ignores_case_accents_apostrophes_hyphens_and_runs_of_space():
    assert fold("No  AGUANTO\n\tmás") == "no aguanto mas"
    assert fold("I can’t go on") == fold("I can't go on") == fold("I cant go on") == "i cant go on"
    assert fold("self-harm") == fold("self—harm") == "self harm"
    assert fold("Hacerme DAÑO") == "hacerme dano"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my friend won't wake up and his lips are blue", "overdose"),
        ("mi hermano no despierta, creo que se pasó", "overdose"),
        ("i've been saving my pills for a while now", "suicide"),
        ("wrote letters to my kids tonight", "suicide"),
        ("i hope i just don't wake up tomorrow", "suicide"),
        ("kms fr", "suicide"),
        ("k1ll mys3lf", "suicide"),
        ("me corté anoche otra vez", "self_harm"),
        ("he hits me when he drinks", "harm"),
        ("craving so bad tonight", "craving"),
    ],
)
def test_each_kind_is_recognised(text, kind):
    assert check_text(text).kind == kind


def test_a_craving_is_not_an_emergency():
    result = check_text("the craving is killing me today")
    assert result.kind == "craving" and not result.at_risk and not result.emergency


def test_an_overdose_is_an_emergency():
    assert check_text("I think I took too much, I can't breathe").emergency


def test_a_rule_an_operator_adds_takes_effect_at_once():
    """The admin saves through `Model.save()`, whose post_save signal makes every process rebuild its grammars."""
    assert not check_text("the lamp is out for good").at_risk
    RiskRule.objects.create(language="en", kind="suicide", pattern="lamp is out for good")
    assert check_text("the lamp is out for good").kind == "suicide"


def test_an_idiom_an_operator_adds_takes_effect_at_once():
    assert check_text("I could end it all with this cheesecake").at_risk
    RiskRule.objects.create(language="en", kind="idiom", pattern="end it all with this cheesecake")
    assert not check_text("I could end it all with this cheesecake").at_risk


def test_a_word_an_operator_adds_to_a_category_takes_effect():
    assert not check_text("i bought a crossbow and i'm ready").at_risk
    means = RiskWord.objects.get(language="en", category="means")
    means.entries += "\ncrossbow"
    means.save()
    assert check_text("i have the crossbow ready, in front of me").at_risk


def test_a_rule_an_operator_switches_off_edits_or_deletes_stops_counting():
    rule = RiskRule.objects.create(language="en", kind="suicide", pattern="gone with the wind")
    assert check_text("I'll be gone with the wind").at_risk
    rule.is_active = False
    rule.save()
    assert not check_text("I'll be gone with the wind").at_risk
    rule.is_active = True
    rule.pattern = "gone with the breeze"
    rule.save()
    assert not check_text("I'll be gone with the wind").at_risk
    assert check_text("I'll be gone with the breeze").at_risk
    rule.delete()
    assert not check_text("I'll be gone with the breeze").at_risk


def test_a_bad_rule_saved_by_an_operator_is_left_out_and_the_rest_still_work():
    RiskRule.objects.create(language="en", kind="suicide", pattern="@nosuchcategory thing")
    assert check_text("I want to die").at_risk


def test_other_processes_rebuild_when_the_shared_version_changes():
    """Another worker saved a rule: it bumped the version in the shared cache; this process sees the change."""
    from django.core.cache import cache

    from safety.crisis import VERSION_KEY

    assert not check_text("a brand new signal").at_risk
    RiskRule.objects.bulk_create([RiskRule(language="en", kind="suicide", pattern="brand new signal")])
    assert not check_text("a brand new signal").at_risk  # bulk_create sends no signal: still the compiled grammar
    cache.set(VERSION_KEY, "bumped-by-another-worker")
    assert check_text("a brand new signal").at_risk


def test_a_warm_check_costs_one_cache_read(django_assert_max_num_queries):
    check_text("warming up")
    with django_assert_max_num_queries(1):
        result = check_text("I want to die " * 2000)
    assert result.at_risk


def test_the_tables_hold_the_shipped_grammar():
    for language, data in shipped().items():
        assert RiskRule.objects.filter(language=language, shipped=True).count() == len(
            {(r["kind"], r["pattern"]) for r in data.rules}
        )
        assert RiskWord.objects.filter(language=language, shipped=True).count() == len(data.words) + 1
    assert set(shipped()) >= {"en", "es", "pt"}


def test_loading_again_keeps_what_an_operator_edited():
    from safety.risk_data import load_shipped

    mine = RiskRule.objects.create(language="en", kind="idiom", pattern="my own idiom here")
    means = RiskWord.objects.get(language="en", category="means")
    means.entries = "crossbow"
    means.shipped = False
    means.save()
    load_shipped(RiskWord, RiskRule)
    assert RiskRule.objects.filter(pk=mine.pk).exists()
    assert RiskWord.objects.get(language="en", category="means").entries == "crossbow"
