"""The newcomer guide, "Help me choose": a few answers in, a short list of fitting meetings out.

Nothing here is stored or logged: the answers live in the page's URL only. The hard constraints (philosophy,
who the person would feel comfortable with, language, in person or online) become `directory.search`
queries, one per program (and per type code, because a code means something only within its program:
Al-Anon's Y is Alateen, not "young people"). The hits are then ranked for a first meeting: welcoming
meetings first (open, or marked for newcomers), then those that suit how the person feels about speaking,
then the soonest.

The question form is `directory.forms.GuideForm`; which type codes mean "women", "welcoming" or "a speaker
meeting" in each program are tables in `directory.vocabularies`.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.forms import Form
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .models import Meeting, MeetingType, Philosophy, Program
from .query import MAX_LIMIT, MeetingQuery
from .search import search
from .vocabularies import (
    AA_COMFORT,
    ALL,
    COMFORT_CODES,
    DEFAULT_RESTRICTED,
    DEFAULT_WELCOMING,
    LGBTQ,
    LISTENING_CODES,
    MEN,
    NEWCOMER_CODES,
    RESTRICTED,
    SECULAR_CODES,
    TALKING_CODES,
    WELCOMING_CODES,
    WOMEN,
    YOUNG,
)

DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES
MAX_SUGGESTIONS = 6
ENOUGH_IN_A_DAY = 3  # fewer than this within a day, and we look across the week

# Answer values of the guide's questions; the comfort answers (WOMEN, MEN, ...) live in vocabularies, as
# the keys of COMFORT_CODES.
ANY = "any"
LISTEN, LITTLE, TALK = "listen", "little", "talk"

# What to expect at a first meeting, by program (our own words).
EXPECTATIONS = {
    "aa": _(
        "An AA meeting usually lasts about an hour. Someone chairs it and opens with a short reading; then "
        "people take turns to share, or a speaker tells their story. You don't have to speak or give your name. "
        "If you like, you can say “I'm new” when newcomers are welcomed, or simply listen. It's free: "
        "a basket may be passed round for the rent and coffee, and newcomers are not expected to give. Open "
        "meetings welcome anyone; closed meetings are for anyone with a desire to stop drinking, and only you "
        "decide that. Many meetings end with a prayer; joining in is up to you."
    ),
    "na": _(
        "NA meetings are for any drug, alcohol included, and most last about an hour. There are short readings "
        "from NA literature, then people share or a speaker tells their story. You can just listen; if someone "
        "asks whether it's your first meeting, you can say so or stay quiet. Newcomers are often offered a "
        "welcome key tag; taking one is up to you. It's free: a collection may go round, and you needn't give. "
        "Closed meetings are for anyone who thinks they may have a problem with drugs."
    ),
    "al-anon": _(
        "Al-Anon is for family members and friends of someone whose drinking worries them; that person does "
        "not need to be in recovery, or even to know you are going. Meetings are about you, not the drinker. "
        "People talk about their own experience and no one gives advice; you can just listen. First names are "
        "enough, and what you hear stays in the room. It's free: a basket may be passed, and you needn't give. "
        "Alateen meetings are for teenagers."
    ),
    "ca": _(
        "Cocaine Anonymous is a 12-step fellowship for anyone who wants to stop using cocaine and all other "
        "mind-altering substances. A meeting opens with readings, then people share or a speaker tells their "
        "story. You don't have to speak or give your name, and no one will ask what you used. It's free: a "
        "collection may be passed, and newcomers are not expected to give."
    ),
    "smart": _(
        "SMART Recovery meetings are led by a trained facilitator and feel more like a guided conversation than "
        "a series of speeches. People check in briefly, then the group works through a practical tool, such as "
        "weighing the costs and benefits of a change or planning for urges. There are no steps, no prayers and "
        "no labels: you never have to call yourself an addict or an alcoholic, and you can pass on the check-in. "
        "Meetings are free; some invite an optional donation."
    ),
    "celebrate-recovery": _(
        "Celebrate Recovery is a Christian, Bible-based 12-step program for any hurt, habit or hang-up, usually "
        "held at a church. An evening often starts with worship music and a talk or a personal story for "
        "everyone, then people split into small open-share groups by gender. In a small group you can just "
        "listen; what is shared stays in the group, and no one comments on your share. It's free."
    ),
    "wfs": _(
        "Women for Sobriety groups are for women, and are led by a trained facilitator. The group reads "
        "positive statements about a new way of life, then each woman may talk about how she is putting one "
        "into practice. The tone is encouraging, and no one has to call herself an alcoholic or an addict. You "
        "can give just your first name and listen. Meetings are free."
    ),
    "recovery-dharma": _(
        "These Buddhist-inspired meetings usually open with a guided meditation of about ten to twenty minutes, "
        "then a reading and time to share. You don't need to be a Buddhist or know how to meditate: you can sit "
        "on a chair, keep your eyes open, and simply be there. Sharing is optional. Meetings are free and run on "
        "voluntary donations."
    ),
    "lifering": _(
        "LifeRing meetings are secular and conversational. A convenor welcomes everyone, then people talk about "
        "how their week went and what's coming up, with a focus on today rather than the past. There are no "
        "steps and no prayers; the shared aim is living free of alcohol and other drugs. Supportive replies to "
        "each other are welcome, and you can always pass. Meetings are free."
    ),
    "eda": _(
        "Eating Disorders Anonymous uses the 12 steps for recovery from any eating disorder, with a focus on "
        "balance rather than rigid rules. Meetings have short readings, then sharing. No one will comment on "
        "your body, weight or food, and you don't have to share or say anything about your eating disorder. "
        "It's free: a collection may be passed, and you needn't give."
    ),
}
GENERIC_EXPECTATION = _(
    "Each peer-led group runs in its own way, but most have the same shape: a welcome, a few guidelines "
    "(what is said here stays here; one person speaks at a time), then time for people to share. You don't "
    "have to speak: “I'll just listen today” is always fine. The host or facilitator is there to "
    "answer your questions, including about any cost; most groups are free."
)
SECULAR_TWELVE_STEP_HINT = _(
    "Some 12-step fellowships also hold secular meetings, with no prayers. To see them, choose “A spiritual "
    "12-step program” and look for “Secular” in the reasons."
)


def expectation_for(program: Program) -> str:
    return EXPECTATIONS.get(program.slug, GENERIC_EXPECTATION)


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


# The answer assumed for a question left out of the URL.
DEFAULTS = {"philosophy": ANY, "comfort": ANY, "language": ANY, "attendance": ANY, "speaking": LITTLE}


@dataclass
class Answers:
    philosophy: str = ANY
    comfort: str = ANY
    language: str = ANY
    attendance: str = ANY
    speaking: str = LITTLE
    at: datetime | None = None

    @classmethod
    def from_form(cls, form: Form) -> "Answers":
        data = form.cleaned_data
        return cls(
            philosophy=data.get("philosophy") or ANY,
            comfort=data.get("comfort") or ANY,
            language=data.get("language") or ANY,
            attendance=data.get("attendance") or ANY,
            speaking=data.get("speaking") or LITTLE,
            at=data.get("at"),
        )


# ---- finding and ranking ------------------------------------------------------------------------------


@dataclass
class Suggestion:
    meeting: Meeting
    starts_at: datetime
    minutes_until: int
    when: str
    reasons: list[str]
    notes: list[str]
    rank: tuple = field(repr=False, default=())


@dataclass
class Guidance:
    answers: Answers
    suggestions: list[Suggestion]
    widened: bool
    finder_url: str
    expectations: list[tuple[Program, str]]  # what to expect, for each fellowship among the suggestions
    hints: list[str]


def comfort_codes(program: Program, comfort: str) -> list[str] | str:
    """The codes of `program` that mean `comfort` (any of them), ALL, or [] when it has no such meetings."""
    table = COMFORT_CODES.get(program.slug)
    if table is None:
        # A program added by an operator: AA's codes, where its vocabulary has them.
        known = set(MeetingType.objects.filter(program=program).values_list("code", flat=True))
        return [code for code in AA_COMFORT.get(comfort, []) if code in known]
    return table.get(comfort, [])


def _scopes(answers: Answers) -> list[tuple[str | None, str | None]]:
    """(program slug or None for all, type code or None) pairs; each is one search."""
    if answers.philosophy == ANY and answers.comfort == ANY:
        return [(None, None)]
    listed = Meeting.objects.active().values("program_id").distinct()
    programs = Program.objects.filter(pk__in=listed)  # a search per program with no meetings would be wasted
    if answers.philosophy != ANY:
        programs = programs.filter(philosophy=answers.philosophy)
    scopes = []
    for program in programs:
        if answers.comfort == ANY:
            scopes.append((program.slug, None))
            continue
        codes = comfort_codes(program, answers.comfort)
        if codes == ALL:
            scopes.append((program.slug, None))
        else:
            scopes.extend((program.slug, code) for code in codes)
    return scopes


def _hits(answers: Answers, at: datetime, within: int) -> list:
    seen, hits = set(), []
    for program, code in _scopes(answers):
        query = MeetingQuery(
            at=at,
            starts_within=within,
            program=program,
            types=[code] if code else [],
            attendance=None if answers.attendance == ANY else answers.attendance,
            language=None if answers.language == ANY else answers.language,
            limit=MAX_LIMIT,
        )
        for hit in search(query).hits:
            if hit.meeting.pk in seen:
                continue
            if hit.in_progress:
                # A meeting already under way is awkward to walk into for a first time: offer its next one.
                hit.starts_at = hit.meeting.next_start(at)
                hit.in_progress = False
                if hit.starts_at.astimezone(UTC) > at.astimezone(UTC) + timedelta(minutes=within):
                    continue
            seen.add(hit.meeting.pk)
            hits.append(hit)
    return hits


def when_text(starts_at: datetime, at: datetime) -> tuple[int, str]:
    """Minutes until the start, and a friendly "in 20 minutes" / "today at" / "tomorrow at" in the meeting's zone."""
    minutes = max(0, round((starts_at.astimezone(UTC) - at.astimezone(UTC)).total_seconds() / 60))
    clock = formats.time_format(starts_at, "TIME_FORMAT")
    zone = str(starts_at.tzinfo)
    today = at.astimezone(starts_at.tzinfo).date()
    if minutes < 60:
        text = ngettext(
            "in %(n)d minute (%(time)s, %(zone)s time)", "in %(n)d minutes (%(time)s, %(zone)s time)", minutes
        ) % {"n": minutes, "time": clock, "zone": zone}
    elif starts_at.date() == today:
        text = gettext("today at %(time)s (%(zone)s time)") % {"time": clock, "zone": zone}
    elif starts_at.date() == today + timedelta(days=1):
        text = gettext("tomorrow at %(time)s (%(zone)s time)") % {"time": clock, "zone": zone}
    else:
        text = gettext("%(day)s at %(time)s (%(zone)s time)") % {
            "day": formats.date_format(starts_at, "l"),
            "time": clock,
            "zone": zone,
        }
    return minutes, text


COMFORT_REASONS = {
    WOMEN: _("Women only, as you asked"),
    MEN: _("Men only, as you asked"),
    LGBTQ: _("An LGBTQ+ meeting, as you asked"),
    YOUNG: _("For young people, as you asked"),
}
PHILOSOPHY_REASONS = {
    Philosophy.TWELVE_STEP: _("A 12-step fellowship, as you asked"),
    Philosophy.SECULAR: _("Secular and science-based: no prayers"),
    Philosophy.FAITH_BASED: _("Christian and faith-based, as you asked"),
    Philosophy.BUDDHIST: _("Buddhist-inspired, with meditation, as you asked"),
}
# Said of a program's kind when the person had no preference (12-step is the common case: nothing to add).
PROGRAM_KINDS = {
    Philosophy.SECULAR: _("Secular and science-based: no prayers"),
    Philosophy.FAITH_BASED: _("Christian and faith-based"),
    Philosophy.BUDDHIST: _("Buddhist-inspired, with meditation"),
}
SOON_MINUTES = 90
RESTRICTED_NOTES = {
    WOMEN: _("Please note: this meeting is for women only."),
    MEN: _("Please note: this meeting is for men only."),
    "alateen": _("Please note: Alateen is for teenagers affected by someone else's drinking."),
}


def _explain(hit, answers: Answers, at: datetime) -> Suggestion:
    meeting, program = hit.meeting, hit.meeting.program
    types = set(meeting.types or [])
    reasons: list[str] = []
    notes: list[str] = []
    welcoming = types & WELCOMING_CODES.get(program.slug, DEFAULT_WELCOMING)
    if "O" in welcoming:
        reasons.append(gettext("Open to anyone, including newcomers"))
    if welcoming & NEWCOMER_CODES:
        reasons.append(gettext("A newcomer meeting: made for people who are new"))
    if answers.comfort != ANY:
        reasons.append(str(COMFORT_REASONS[answers.comfort]))
    if answers.philosophy != ANY:
        reasons.append(str(PHILOSOPHY_REASONS[answers.philosophy]))
    elif program.philosophy in PROGRAM_KINDS:
        reasons.append(str(PROGRAM_KINDS[program.philosophy]))
    if types & SECULAR_CODES and program.philosophy == Philosophy.TWELVE_STEP:
        reasons.append(gettext("Secular meeting: no prayers or talk of God"))
    if answers.language != ANY:
        reasons.append(gettext("In %(language)s, as you asked") % {"language": language_name(answers.language)})
    if meeting.is_online and answers.attendance == "online":
        reasons.append(gettext("Online: you can join from home"))
    elif meeting.is_in_person and answers.attendance == "in_person":
        reasons.append(gettext("In person, as you asked"))
    listening = {LISTENING_CODES[code] for code in types if code in LISTENING_CODES}
    if answers.speaking == LISTEN:
        if "speaker" in listening:
            reasons.append(gettext("Speaker meeting: you can just listen"))
        if "meditation" in listening:
            reasons.append(gettext("Includes quiet meditation: no one has to talk"))
    elif answers.speaking == TALK and types & TALKING_CODES:
        reasons.append(gettext("Discussion meeting: there is time for you to share"))
    restricted = None
    if answers.comfort == ANY:
        if program.slug == "wfs":
            restricted = WOMEN
        else:
            table = RESTRICTED.get(program.slug, DEFAULT_RESTRICTED)
            restricted = next((table[code] for code in sorted(types) if code in table), None)
        if restricted:
            notes.append(str(RESTRICTED_NOTES[restricted]))
    minutes, when = when_text(hit.starts_at, at)
    if minutes <= SOON_MINUTES:
        reasons.append(gettext("Starts soon: you won't have long to wait"))
    listens = answers.speaking == LISTEN and bool(listening or types & NEWCOMER_CODES)
    rank = (bool(restricted), not welcoming, not listens, minutes, meeting.name, meeting.pk)
    return Suggestion(meeting, hit.starts_at, minutes, when, reasons, notes, rank)


def finder_url(answers: Answers) -> str:
    """The full finder with the same filters (the search parameters the finder and the API share)."""
    params = {}
    if answers.philosophy != ANY or answers.comfort != ANY:
        scopes = _scopes(answers)
        programs = {program for program, _code in scopes}
        if len(programs) == 1 and None not in programs:
            params["program"] = next(iter(programs))
            codes = [code for _program, code in scopes if code]
            if len(codes) == 1:
                params["types"] = codes[0]
    if answers.attendance != ANY:
        params["attendance"] = answers.attendance
    if answers.language != ANY:
        params["language"] = answers.language
    url = reverse("directory:meetings")
    return f"{url}?{urlencode(params)}" if params else url


def guide(answers: Answers, now: datetime) -> Guidance:
    at = answers.at or now
    widened = False
    hits = _hits(answers, at, DAY_MINUTES)
    if len(hits) < ENOUGH_IN_A_DAY:
        hits = _hits(answers, at, WEEK_MINUTES)
        widened = True
    suggestions = sorted((_explain(hit, answers, at) for hit in hits), key=lambda s: s.rank)[:MAX_SUGGESTIONS]
    programs = []
    for suggestion in suggestions:
        if suggestion.meeting.program not in programs:
            programs.append(suggestion.meeting.program)
    hints = []
    if answers.philosophy == Philosophy.SECULAR:
        hints.append(str(SECULAR_TWELVE_STEP_HINT))
    expectations = [(program, expectation_for(program)) for program in programs]
    return Guidance(answers, suggestions, widened, finder_url(answers), expectations, hints)
