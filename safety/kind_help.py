"""What the help leads with, for each kind of risk the check finds (safety/crisis.py). The same words on every
page that shows help (the help before posting, a private journal's help, the API's answer), so they are written
once, here. Safe messaging: no method or means is ever named; the person is never labelled; nothing is refused.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KindHelp:
    kind: str
    title: str | Promise
    lead: str | Promise
    steps: list[str | Promise] = field(default_factory=list)
    call_first: bool = False  # the emergency number comes before anything else
    offer_moderator: bool = True  # "ask a moderator to reach out" fits (not in an emergency)
    use_own_plan: bool = False  # the member's own coping steps and people come first


HELP = {
    "overdose": KindHelp(
        "overdose",
        _("This may be an emergency: call your emergency number now"),
        _(
            "If someone may have taken too much, can't breathe or won't wake up, call now. You don't need to say "
            '"overdose": "someone isn\'t breathing" or "won\'t wake up" is enough.'
        ),
        [
            _("Call the emergency number shown here, now. Stay on the line: the call-taker will guide you."),
            _(
                "Give naloxone (Narcan) if you have it: nasal spray, tip in one nostril, press. No response in 2-3 "
                "minutes: give a second dose. If you're not sure it's an opioid, give it anyway."
            ),
            _("If they aren't breathing, give rescue breaths or CPR as the call-taker tells you."),
            _("Put them in the recovery position: on their side, top knee bent, face turned a little down."),
            _("Stay with them until help arrives: naloxone can wear off before the drugs do."),
            _("Many places have laws that may protect you and the person from charges when you call for help."),
            _('If you are using alone, a "never use alone" line can stay on the phone with you and send help.'),
        ],
        call_first=True,
        offer_moderator=False,
    ),
    "suicide": KindHelp(
        "suicide",
        _("You don't have to go through this alone"),
        _(
            "It sounds like things are really hard right now. If you might act on these thoughts, call your "
            "emergency number or a crisis line now: they are free, and there day and night."
        ),
        [
            _("Call or text a crisis line below. You can say exactly what you wrote here."),
            _("If you can, put distance between you and anything you could use to hurt yourself."),
            _("Reach out to someone you trust, and don't stay alone tonight if you can help it."),
            _("Worried about someone else? Ask them directly, stay with them, and call for help together."),
        ],
    ),
    "self_harm": KindHelp(
        "self_harm",
        _("You deserve care, not pain"),
        _(
            "Urges to hurt yourself can pass. Talking to someone now can help, and if you are hurt, please get "
            "it looked at."
        ),
        [
            _("Call or text a line below: you can talk about the urge, or about what's behind it."),
            _("If you're bleeding a lot or hurt badly, call your emergency number."),
            _("Try something that gets you through the next few minutes: cold water, a walk, holding ice, a call."),
            _("Move what you could use out of reach, or out of the room."),
        ],
    ),
    "harm": KindHelp(
        "harm",
        _("You deserve to be safe"),
        _(
            "If you or someone else is in danger right now, call your emergency number. Abuse is never your "
            "fault, and there are people who can help you plan to stay safe."
        ),
        [
            _("In danger now: call the emergency number shown here. If you can't talk, many places let you text."),
            _("A crisis line can help you think through what to do next, at your pace."),
            _("If you feel you might hurt someone, step away now and call one of the lines here."),
            _("This page leaves no trace on the site; use a device others can't check if that matters."),
        ],
        call_first=True,
        offer_moderator=False,
    ),
    "craving": KindHelp(
        "craving",
        _("A craving is hard, and it passes"),
        _("Cravings rise and fall, often in minutes. You can ride this one out, and you don't have to do it alone."),
        [
            _("Call someone: your sponsor, a friend from your group, or a line below."),
            _("Play it forward: what happens after the first one?"),
            _("HALT: are you hungry, angry, lonely or tired? Deal with that first."),
            _("Get to a meeting, online or in person, now."),
        ],
        use_own_plan=True,
    ),
}


def help_for(kind: str) -> KindHelp:
    """The help for a kind ("suicide" for an unknown one: when in doubt, offer help)."""
    return HELP.get(kind) or HELP["suicide"]
