"""Journal prompts, for members who like a starting point. Each has a key (stored on the entry), a title, a line
saying what it is for, and a structure that pre-fills the entry's text. All optional: a blank page is fine too."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Prompt:
    key: str
    title: str | Promise
    description: str | Promise
    # Lines that start the entry; the member writes under each one.
    lines: tuple[str | Promise, ...]
    tags: tuple[str, ...] = ()

    def starter_text(self) -> str:
        """The structure that pre-fills the entry: each line followed by an empty line to write on."""
        return "\n\n\n".join(str(line) for line in self.lines) + "\n\n"


PROMPTS: dict[str, Prompt] = {
    prompt.key: prompt
    for prompt in (
        Prompt(
            "gratitude",
            _("Gratitude"),
            _("Three things, big or small, that you are grateful for today."),
            (
                _("Today I am grateful for…"),
                _("I am also grateful for…"),
                _("And one more thing I'm grateful for…"),
            ),
            tags=("gratitude",),
        ),
        Prompt(
            "daily_inventory",
            _("Daily inventory"),
            _("A gentle look back at the day before you sleep. Honest, not harsh."),
            (
                _("Where was I kind today?"),
                _("Where did I fall short, and is there anything I want to put right?"),
                _("What went well?"),
                _("What would I like to do differently tomorrow?"),
            ),
            tags=("inventory",),
        ),
        Prompt(
            "feelings",
            _("Feelings check"),
            _("Name what you feel right now, without judging it."),
            (
                _("Right now I feel…"),
                _("I notice it in my body as…"),
                _("What might this feeling need from me?"),
            ),
            tags=("feelings",),
        ),
        Prompt(
            "future_self",
            _("A letter to my future self"),
            _("Write to the person you will be in a month or a year."),
            (
                _("Dear future me,"),
                _("Here is what I hope you remember about today…"),
                _("Here is what I hope for you…"),
            ),
            tags=("letter",),
        ),
        Prompt(
            "let_go",
            _("Worry and let go"),
            _("Put a worry on the page, sort out what is yours to act on, and set the rest down."),
            (
                _("What is worrying me…"),
                _("What part of this can I do something about, and what is one small step?"),
                _("What part is out of my hands, and can I let it go for today?"),
            ),
            tags=("worry",),
        ),
        Prompt(
            "cravings",
            _("After a craving"),
            _("Cravings pass. Noting what helped makes the next one easier."),
            (
                _("When and where did the craving come?"),
                _("What was going on just before?"),
                _("What helped, or who could I reach out to next time?"),
            ),
            tags=("cravings",),
        ),
        Prompt(
            "wins",
            _("Small wins"),
            _("Notice the steps you took today, however small."),
            (
                _("Something I did today that I'm proud of…"),
                _("Someone who helped me, or whom I helped…"),
            ),
            tags=("wins",),
        ),
    )
}


def get_prompt(key: str | None) -> Prompt | None:
    return PROMPTS.get(key or "")
