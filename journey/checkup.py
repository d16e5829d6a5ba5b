"""The monthly recovery check-up as data: our own short questionnaire across the four domains, and its scoring.

The statements are PeerHaven's own words, written for this site (not taken from any published instrument). Each is
answered on the same 0–4 scale; a domain's score is the sum of its answers and the total is the sum of all four.
Question keys are stored in `Checkup.answers`: never rename or reuse a key, add a new one instead.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Domain

LOWEST, HIGHEST = 0, 4

# The answer scale, lowest first: value and label.
SCALE: tuple[tuple[int, Promise], ...] = (
    (0, _("Not at all")),
    (1, _("A little")),
    (2, _("Somewhat")),
    (3, _("Mostly")),
    (4, _("Very much")),
)

INTRODUCTION = _(
    "Think about the last few weeks. There are no right or wrong answers: this is a snapshot for you, to notice "
    "what is growing and what could use some care."
)


@dataclass(frozen=True)
class Question:
    key: str
    domain: str
    text: Promise


QUESTIONS: tuple[Question, ...] = (
    # Health
    Question("health_rest", Domain.HEALTH, _("I have been getting enough sleep and rest to face my days.")),
    Question(
        "health_body",
        Domain.HEALTH,
        _("I have been looking after my body: eating, moving, and seeing a doctor when I needed one."),
    ),
    Question("health_mood", Domain.HEALTH, _("On most days my feelings have felt manageable.")),
    Question("health_urges", Domain.HEALTH, _("When urges showed up, I had ways to ride them out.")),
    # Home
    Question("home_safe", Domain.HOME, _("The place where I sleep feels safe and steady.")),
    Question("home_money", Domain.HOME, _("I have been keeping on top of money, bills and paperwork.")),
    Question("home_rhythm", Domain.HOME, _("My days have a rhythm that supports my recovery.")),
    # Purpose
    Question(
        "purpose_time",
        Domain.PURPOSE,
        _("I have spent time on things that feel worthwhile to me, like work, study, caring or making things."),
    ),
    Question("purpose_hope", Domain.PURPOSE, _("I feel hopeful about where my life is heading.")),
    Question("purpose_joy", Domain.PURPOSE, _("I have had moments of fun or delight that did not involve using.")),
    Question("purpose_values", Domain.PURPOSE, _("The way I live these days fits with what matters to me.")),
    # Community
    Question("community_call", Domain.COMMUNITY, _("There is someone I could call if things got hard.")),
    Question(
        "community_belong",
        Domain.COMMUNITY,
        _("I have a place, like a meeting, a group or a circle of friends, where I feel I belong."),
    ),
    Question("community_give", Domain.COMMUNITY, _("I have been able to give something to others lately.")),
    Question("community_ask", Domain.COMMUNITY, _("I have felt able to ask for help when I needed it.")),
)

BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}
DOMAINS: tuple[str, ...] = tuple(Domain.values)


def questions_in(domain: str) -> list[Question]:
    return [q for q in QUESTIONS if q.domain == domain]


def max_per_domain() -> dict[str, int]:
    """The highest score each domain can reach (its number of questions × the top of the scale)."""
    return {domain: len(questions_in(domain)) * HIGHEST for domain in DOMAINS}


MAX_TOTAL = len(QUESTIONS) * HIGHEST


def label_for(value: int) -> Promise:
    return dict(SCALE)[value]


def score(answers: dict[str, int]) -> dict[str, int]:
    """Per-domain sums and `total` of complete, valid answers (check them first: `services.checkups`)."""
    scores = {domain: sum(answers[q.key] for q in questions_in(domain)) for domain in DOMAINS}
    scores["total"] = sum(scores[domain] for domain in DOMAINS)
    return scores
