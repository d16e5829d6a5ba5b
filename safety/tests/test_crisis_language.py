"""Crisis language: which sentences offer help before posting, which everyday idioms do not, and that operators'
edits in the admin take effect at once."""

import importlib

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


ENGLISH_AT_RISK = [
    "I want to die.",
    "Honestly I just wanna die",
    "I keep thinking about killing myself",
    "I'm going to kill myself tonight",
    "I almost killed myself last year and the feelings are back",
    "I think I'll end it all this weekend",
    "There's no reason to live anymore",
    "Everyone would be better off without me",
    "I can't go on like this",
    "I took too many pills an hour ago",
    "I'm going to overdose when I get home",
    "I overdosed last night and nobody knows",
    "I hurt myself again last night",
    "I started cutting myself again",
    "I just wanted to say goodbye to everyone",
    "I don't want to die anymore, but I still think about it",
    "I have nothing to live for",
    "I feel suicidal today",
    "I'm thinking about suicide",
    "I want to end my life",
    "I want to take my own life",
    "I'm a burden to everyone around me",
    "I can’t take it anymore",
    "I cant do this anymore",
    "I wish I was dead",
    "Life isn't worth living without her",
    "I'm planning to hang myself",
    "I bought a rope yesterday",
    "I've been saving up my pills",
    "I'm going to drink myself to death",
    "This is goodbye, thank you all",
    "By the time you read this I'll be gone",
    "I keep harming myself when the urges come",
    "self-harm is the only thing that helps",
    "Self harm again. Sorry.",
    "I want to\n\ndie",
    "i   want   to   die",
    "No point in living if I relapse again",
    "There is no way out of this",
    "I don't want to wake up tomorrow",
    "My job is killing me and I want to kill myself",
    "I'd be better off dead",
    "I've given up on life",
    "I want to jump off a bridge",
    "KILLING MYSELF SEEMS LIKE THE ONLY OPTION",
    "i dont want to live",
]

SPANISH_AT_RISK = [
    "Quiero morir",
    "Ya no quiero vivir",
    "Me quiero matar",
    "Estoy pensando en matarme",
    "Voy a quitarme la vida",
    "Quiero acabar con todo",
    "No aguanto más",
    "no aguanto mas",
    "Estarían mejor sin mí",
    "estarian mejor sin mi",
    "Tomé muchas pastillas hace una hora",
    "Creo que tuve una sobredosis",
    "Quiero hacerme daño",
    "quiero hacerme dano",
    "Me despido de todos, gracias por todo",
    "Quiero despedirme de todos",
    "No tengo razones para vivir",
    "Mi vida no tiene sentido",
    "Soy una carga para mi familia",
    "He pensado en el suicidio",
    "Tengo pensamientos suicidas",
    "Voy a suicidarme",
    "Me voy a suicidar",
    "Quiero morirme ya",
    "Me quiero morir",
    "Ojalá estuviera muerto",
    "ojala estuviera muerta",
    "Prefiero estar muerto que seguir así",
    "No quiero morir pero tampoco sé cómo seguir",
    "Ya no puedo más",
    "No puedo seguir así",
    "Me corté los brazos otra vez",
    "Volví a cortarme",
    "Quiero cortarme las venas",
    "Quiero\nmorir",
    "QUIERO   MORIR",
    "Esto es un adiós",
    "Adiós para siempre, amigos",
    "No hay salida para mí",
    "Voy a tirarme de un puente",
    "Estoy guardando pastillas",
    "Pienso en ahorcarme",
    "Mi trabajo me mata y quiero morir",
    "No quiero seguir viviendo",
]

ENGLISH_NOT_AT_RISK = [
    "This job is killing me",
    "My feet are killing me after that hike",
    "I could kill for a coffee right now",
    "I'm dying to see the new film",
    "We were dying of laughter",
    "That cake is to die for",
    "Just killing time before the meeting",
    "You killed it at the open mic!",
    "She's going to kill it tomorrow",
    "I was bored to death in that lecture",
    "That was a killer workout",
    "This traffic is murder",
    "I'm dead tired after work",
    "I overdosed on chocolate at the party",
    "I cut myself shaving this morning",
    "I hurt myself at the gym",
    "I can't go on Friday, sorry",
    "I can't go on holiday this year",
    "My phone is dying, call you later",
    "I was killing myself laughing",
    "I wanted to die of embarrassment when I tripped",
    "I cut myself off from my old drinking friends",
    "I'm taking my life back one day at a time",
    "I want to take my life back",
    "I'm hopeless at cooking",
    "Cut myself some slack today",
    "Today I learned a new skill myself",
    "I'm ready to die on this hill",
    "I can't keep going to those bars",
    "Suicide Squad was a fun movie",
    "I don't want to wake up early on Sunday",
    "Ninety days sober today, feeling grateful",
]

SPANISH_NOT_AT_RISK = [
    "Me muero de risa",
    "Me muero de ganas de verte",
    "Me mata el calor",
    "Vamos a matar el tiempo",
    "Me muero de hambre",
    "Nos vamos a morir de risa",
    "Esto mata el aburrimiento",
    "Me muero de sueño",
    "Me quiero morir de vergüenza",
    "Quiero morirme de la vergüenza",
    "Mi madre va a matarme si llego tarde",
    "Este trabajo va a matarme",
    "Me estoy matando a trabajar",
    "Voy a matarme a estudiar para el examen",
    "Qué sobredosis de azúcar en esa fiesta",
    "Hoy tuve sobredosis de café",
    "No aguanto más este calor",
    "No aguanto más de la risa",
    "Tengo que acabar con todo el trabajo",
    "Tengo que terminar con todo lo pendiente",
    "Ese pastel está para morirse",
    "La prevención del suicidio es importante",
    "Eso fue un suicidio político",
    "No quiero despertar temprano mañana",
    "Me muero de frío",
    "Ya no puedo más de la risa",
    "Me corté el pelo",
    "Me mata de risa ese chiste",
    "Me quiero morir de risa con este vídeo",
    "Noventa días limpio, muy agradecido",
]


@pytest.mark.parametrize("sentence", ENGLISH_AT_RISK)
def test_english_crisis_language_offers_help(sentence):
    result = check_text(sentence)
    assert result.at_risk, sentence
    assert "en" in result.language.split(",")


@pytest.mark.parametrize("sentence", SPANISH_AT_RISK)
def test_spanish_crisis_language_offers_help(sentence):
    result = check_text(sentence)
    assert result.at_risk, sentence
    assert "es" in result.language.split(",")


@pytest.mark.parametrize("sentence", ENGLISH_NOT_AT_RISK)
def test_english_everyday_idioms_do_not_offer_help(sentence):
    assert not check_text(sentence).at_risk, check_text(sentence).matched


@pytest.mark.parametrize("sentence", SPANISH_NOT_AT_RISK)
def test_spanish_everyday_idioms_do_not_offer_help(sentence):
    assert not check_text(sentence).at_risk, check_text(sentence).matched


def test_portuguese_is_a_first_set():
    assert check_text("Eu quero morrer").at_risk
    assert check_text("não aguento mais").at_risk
    assert not check_text("Estou morrendo de rir").at_risk


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
    assert not check_text("I feel like vanishing for good").at_risk
    RiskRule.objects.create(language="en", kind="suicide", pattern="vanishing for good")
    assert check_text("I feel like vanishing for good").kind == "suicide"


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
