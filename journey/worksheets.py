"""The worksheets a member can fill and keep, as data: each kind's sections and questions, in our own words.

The pages build their forms from these definitions, the API publishes them (`GET /api/v1/me/worksheets/kinds`),
and `journey.services.worksheets` checks a worksheet's answers (`Worksheet.data`, keyed by question key) against
them. The tools follow SMART Recovery's ideas; the wording is PeerHaven's.

Answer types:
- `text`: one short line; `long`: free text; `list`: a list of short lines (one per line on the page);
- `scale`: a whole number between `min` and `max`; `yesno`: true, false or not answered (null);
- `datetime`: a local date and time "YYYY-MM-DDTHH:MM" in the member's own time zone.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import WorksheetKind

TEXT, LONG, LIST, SCALE, YESNO, DATETIME = "text", "long", "list", "scale", "yesno", "datetime"
MAX_SHORT = 200
MAX_LONG = 4000
MAX_ITEM = 500
MAX_ITEMS = 20
MAX_TITLE = 120


@dataclass(frozen=True)
class Question:
    key: str
    label: str | Promise
    type: str = LONG
    help: str | Promise = ""
    min: int | None = None
    max: int | None = None

    @property
    def max_length(self) -> int | None:
        return {TEXT: MAX_SHORT, LONG: MAX_LONG, LIST: MAX_ITEM, DATETIME: 16}.get(self.type)

    def empty(self):
        """The stored value of an unanswered question."""
        return {LIST: [], SCALE: None, YESNO: None}.get(self.type, "")


@dataclass(frozen=True)
class Section:
    title: str | Promise
    questions: tuple[Question, ...]
    help: str | Promise = ""


@dataclass(frozen=True)
class WorksheetDefinition:
    kind: str
    name: str | Promise
    purpose: str | Promise
    sections: tuple[Section, ...]

    @property
    def questions(self) -> dict[str, Question]:
        return {q.key: q for section in self.sections for q in section.questions}

    def empty_data(self) -> dict:
        return {key: q.empty() for key, q in self.questions.items()}


def _halt_state(key: str, title, question, action_help) -> Section:
    return Section(
        title,
        (
            Question(key, question, YESNO),
            Question(f"{key}_action", _("What I can do about it"), LONG, action_help),
        ),
    )


DEFINITIONS: dict[str, WorksheetDefinition] = {
    WorksheetKind.COST_BENEFIT: WorksheetDefinition(
        WorksheetKind.COST_BENEFIT,
        WorksheetKind.COST_BENEFIT.label,
        _(
            "Weigh up honestly what using (or the habit) gives you and what it takes from you, and the same for "
            "stopping. Seeing all four sides together helps when your motivation wobbles."
        ),
        (
            Section(
                _("If I keep using or doing it"),
                (
                    Question(
                        "benefits_of_using",
                        _("What I get out of it"),
                        LIST,
                        _("One per line. Be honest: it met some need, or you would not have done it."),
                    ),
                    Question(
                        "costs_of_using",
                        _("What it costs me"),
                        LIST,
                        _("One per line: health, money, people, time, self-respect, anything."),
                    ),
                ),
            ),
            Section(
                _("If I stop"),
                (
                    Question(
                        "benefits_of_stopping",
                        _("What I gain by stopping"),
                        LIST,
                        _("One per line: now, in a month, in a year."),
                    ),
                    Question(
                        "costs_of_stopping",
                        _("What stopping costs me, or what I will miss"),
                        LIST,
                        _("One per line. Naming these makes them easier to plan for."),
                    ),
                ),
            ),
            Section(
                _("Looking at it all"),
                (
                    Question(
                        "reflection",
                        _("What stands out to me"),
                        LONG,
                        _("Which items matter most in the long run, and which only in the moment?"),
                    ),
                ),
            ),
        ),
    ),
    WorksheetKind.ABC: WorksheetDefinition(
        WorksheetKind.ABC,
        WorksheetKind.ABC.label,
        _(
            "Untangle an upsetting moment: what happened, what you told yourself about it, and how you felt and "
            "acted. Then question that belief and find a more helpful one."
        ),
        (
            Section(
                _("What happened"),
                (
                    Question(
                        "activating_event",
                        _("A: the activating event"),
                        LONG,
                        _("Just the facts, as a camera would have recorded them."),
                    ),
                    Question(
                        "beliefs",
                        _("B: what I believed or told myself"),
                        LONG,
                        _("The thoughts that ran through your head, word for word if you can."),
                    ),
                    Question(
                        "consequences",
                        _("C: the consequences"),
                        LONG,
                        _("How you felt, and what you did or wanted to do."),
                    ),
                ),
            ),
            Section(
                _("Thinking it over"),
                (
                    Question(
                        "disputing",
                        _("D: questioning the belief"),
                        LONG,
                        _("Is it true? Is it helpful? What would you say to a friend who thought this?"),
                    ),
                    Question(
                        "effective_belief",
                        _("E: a more helpful belief"),
                        LONG,
                        _("What you could tell yourself next time, and how that might change how you feel."),
                    ),
                ),
            ),
        ),
    ),
    WorksheetKind.URGE_LOG: WorksheetDefinition(
        WorksheetKind.URGE_LOG,
        WorksheetKind.URGE_LOG.label,
        _(
            "Note an urge when it comes and what you did with it. Over time the log shows your patterns, and "
            "that urges rise and pass."
        ),
        (
            Section(
                _("The urge"),
                (
                    Question("when", _("When it happened"), DATETIME, _("Date and time, in your own time zone.")),
                    Question(
                        "intensity",
                        _("How strong it was (1 to 10)"),
                        SCALE,
                        _("1 is barely there, 10 the strongest."),
                        1,
                        10,
                    ),
                    Question("where", _("Where I was"), TEXT),
                    Question("trigger", _("What set it off"), LONG, _("A place, a person, a feeling, a time of day…")),
                ),
            ),
            Section(
                _("What I did"),
                (
                    Question(
                        "what_i_did",
                        _("What I did with the urge"),
                        LONG,
                        _("Anything counts, including riding it out."),
                    ),
                    Question(
                        "duration_minutes",
                        _("How long it lasted (minutes)"),
                        SCALE,
                        _("Roughly; urges usually pass within minutes."),
                        0,
                        1440,
                    ),
                ),
            ),
        ),
    ),
    WorksheetKind.HALT: WorksheetDefinition(
        WorksheetKind.HALT,
        WorksheetKind.HALT.label,
        _(
            "A quick check on four states that make urges and bad days harder: hungry, angry, lonely, tired. "
            "Notice which apply right now and one small thing you can do about each."
        ),
        (
            _halt_state(
                "hungry", _("Hungry"), _("Am I hungry?"), _("A meal, a snack, a glass of water: hunger of any kind.")
            ),
            _halt_state("angry", _("Angry"), _("Am I angry?"), _("Name it, move your body, talk it through, write.")),
            _halt_state("lonely", _("Lonely"), _("Am I lonely?"), _("Call someone, go to a meeting, post in a group.")),
            _halt_state("tired", _("Tired"), _("Am I tired?"), _("Rest, a short nap, an earlier night.")),
        ),
    ),
    WorksheetKind.CHANGE_PLAN: WorksheetDefinition(
        WorksheetKind.CHANGE_PLAN,
        WorksheetKind.CHANGE_PLAN.label,
        _(
            "Turn a wish to change into a plan: what you will change, why, the steps, who can help, and how you "
            "will know it is working."
        ),
        (
            Section(
                _("The change"),
                (
                    Question("changes", _("The changes I want to make"), LONG),
                    Question("reasons", _("Why they matter to me"), LONG),
                ),
            ),
            Section(
                _("How"),
                (
                    Question(
                        "steps", _("The steps I will take"), LIST, _("One per line, small and concrete, in order.")
                    ),
                    Question("helpers", _("How other people can help me"), LONG, _("Who, and what you'll ask them.")),
                    Question("signs_of_progress", _("How I will know it is working"), LONG),
                    Question(
                        "obstacles",
                        _("What could get in the way, and what I'll do then"),
                        LONG,
                    ),
                ),
            ),
        ),
    ),
}


def definition_for(kind: str) -> WorksheetDefinition | None:
    return DEFINITIONS.get(kind)


@dataclass(frozen=True)
class Answer:
    question: Question
    value: object

    @property
    def answered(self) -> bool:
        return self.value not in (None, "", [])


def answered_sections(kind: str, data: dict) -> list[tuple[Section, list[Answer]]]:
    """A worksheet's sections with each question and its stored answer, in the definition's order."""
    definition = definition_for(kind)
    if definition is None:
        return []
    data = data or {}
    return [
        (section, [Answer(q, data.get(q.key, q.empty())) for q in section.questions]) for section in definition.sections
    ]
