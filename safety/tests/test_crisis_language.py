"""Crisis language: which sentences offer help before posting, which everyday idioms do not, and that operators'
edits in the admin take effect at once."""

import importlib

import pytest
from django.apps import apps

from safety.crisis import check_text, fold, forget_phrases
from safety.models import CrisisPhrase, PhraseKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def crisis_phrases(db):
    """A transactional test elsewhere may have flushed the seeded phrases: put them back; and drop whatever this
    process compiled before (a phrase another test added, then rolled back)."""
    if not CrisisPhrase.objects.exists():
        importlib.import_module("safety.migrations.0004_seed_crisis_phrases").seed(apps, None)
    forget_phrases()
    yield
    forget_phrases()


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


def test_the_tables_are_big_enough():
    assert len(ENGLISH_AT_RISK) >= 40 and len(SPANISH_AT_RISK) >= 40
    assert len(ENGLISH_NOT_AT_RISK) >= 25 and len(SPANISH_NOT_AT_RISK) >= 25


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


def test_an_idiom_exempts_only_the_words_it_covers():
    assert not check_text("this job is killing me").at_risk
    assert check_text("this job is killing me. I want to die").matched == ["want to die"]
    assert check_text("Me muero de risa, pero de verdad quiero morir").at_risk


def test_negation_is_not_an_exemption_when_in_doubt_it_offers_help():
    assert check_text("I don't want to die, but I keep thinking about it").at_risk
    assert check_text("No quiero morir, pero no sé qué hacer").at_risk


def test_the_language_is_a_hint_not_a_filter():
    """Members switch languages within a message: every language's phrases apply whatever the hint."""
    assert check_text("I want to die", language="es").at_risk
    assert check_text("quiero morir", language="en-GB").at_risk
    assert check_text("Hoy fue duro. I want to die.", language="es").language == "en"
    assert check_text("I want to die y quiero morir", language="es").language == "es,en"


def test_matching_is_word_bounded():
    assert not check_text("Skill myself up with a course").at_risk
    assert not check_text("suicidepreventionday").at_risk
    assert check_text("…kill myself.").at_risk


def test_empty_and_blank_texts_are_not_at_risk():
    for text in ["", "   ", "\n\n", None]:
        assert check_text(text).at_risk is False


def test_the_matched_phrases_are_folded_and_listed_once():
    result = check_text("I want to die. I WANT TO DIE. Quiero MORIR")
    assert result.matched == ["want to die", "quiero morir"] or result.matched == ["quiero morir", "want to die"]


def test_fold_ignores_case_accents_apostrophes_hyphens_and_runs_of_space():
    assert fold("No  AGUANTO\n\tmás") == "no aguanto mas"
    assert fold("I can’t go on") == fold("I can't go on") == fold("I cant go on") == "i cant go on"
    assert fold("self-harm") == fold("self—harm") == "self harm"
    assert fold("Hacerme DAÑO") == "hacerme dano"


def test_a_phrase_an_operator_adds_takes_effect_at_once():
    """The admin saves through `Model.save()`, whose post_save signal makes every process rebuild its phrases."""
    assert not check_text("I feel like vanishing for good").at_risk
    CrisisPhrase.objects.create(language="en", kind=PhraseKind.SIGNAL, phrase="vanishing for good")
    assert check_text("I feel like vanishing for good").at_risk


def test_an_idiom_an_operator_adds_takes_effect_at_once():
    assert check_text("I could end it all with this cheesecake").at_risk
    CrisisPhrase.objects.create(language="en", kind=PhraseKind.IDIOM, phrase="end it all with this cheesecake")
    assert not check_text("I could end it all with this cheesecake").at_risk


def test_a_phrase_an_operator_switches_off_edits_or_deletes_stops_counting():
    phrase = CrisisPhrase.objects.create(language="en", kind=PhraseKind.SIGNAL, phrase="gone with the wind")
    assert check_text("I'll be gone with the wind").at_risk
    phrase.is_active = False
    phrase.save()
    assert not check_text("I'll be gone with the wind").at_risk
    phrase.is_active = True
    phrase.phrase = "gone with the breeze"
    phrase.save()
    assert not check_text("I'll be gone with the wind").at_risk
    assert check_text("I'll be gone with the breeze").at_risk
    phrase.delete()
    assert not check_text("I'll be gone with the breeze").at_risk


def test_other_processes_rebuild_when_the_shared_version_changes():
    """Another worker saved a phrase: it bumped the version in the shared cache; this process sees the change."""
    from django.core.cache import cache

    from safety.crisis import VERSION_KEY

    assert not check_text("a brand new signal").at_risk
    CrisisPhrase.objects.bulk_create([CrisisPhrase(language="en", kind=PhraseKind.SIGNAL, phrase="brand new signal")])
    assert not check_text("a brand new signal").at_risk  # bulk_create sends no signal: still the compiled list
    cache.set(VERSION_KEY, "bumped-by-another-worker")
    assert check_text("a brand new signal").at_risk


def test_a_warm_check_costs_one_cache_read(django_assert_max_num_queries):
    check_text("warming up")
    with django_assert_max_num_queries(1):
        result = check_text("I want to die " * 2000)
    assert result.at_risk


def test_the_seed_has_forty_signals_and_twenty_five_idioms_per_language():
    for language in ("en", "es"):
        rows = CrisisPhrase.objects.filter(language=language)
        assert rows.filter(kind=PhraseKind.SIGNAL).count() >= 40
        assert rows.filter(kind=PhraseKind.IDIOM).count() >= 25


def test_the_seed_file_and_the_table_agree():
    import json
    from pathlib import Path

    import safety

    data = json.loads((Path(safety.__file__).parent / "data" / "crisis_phrases.json").read_text(encoding="utf-8"))
    assert {(r["language"], r["kind"]) for r in data} >= {("en", "signal"), ("en", "idiom"), ("es", "signal")}
    seeded = set(CrisisPhrase.objects.values_list("language", "kind", "phrase"))
    assert {(r["language"], r["kind"], r["phrase"]) for r in data} <= seeded
