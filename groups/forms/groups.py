"""Forms for groups themselves: finding, creating and editing groups, joining, guidelines, members, invitations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Program

from ..models import GroupKind, GroupRole, GroupVisibility
from ..services.groups import MAX_GUIDELINES, MAX_NAME, MAX_TEXT
from ..services.membership import MAX_MESSAGE, MAX_REASON

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class GroupFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the name or description"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *GroupKind.choices])
    program = forms.ModelChoiceField(
        label=_("Program"),
        required=False,
        queryset=Program.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Any program"),
    )
    mine = forms.BooleanField(label=_("Only my groups"), required=False)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    program = forms.ModelChoiceField(
        label=_("Program (optional)"),
        required=False,
        queryset=Program.objects.order_by("name"),
        empty_label=_("No particular program"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    eligibility = forms.CharField(
        label=_("Who can join, in plain words"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “Anyone in recovery from alcohol”, or “Family members of someone in recovery”."),
    )
    visibility = forms.ChoiceField(label=_("Who can find and join it"), choices=GroupVisibility.choices)
    readable_by_site_members = forms.BooleanField(
        label=_("Every logged-in member of the site may read the discussion (only members post)"), required=False
    )


class NewGroupForm(GroupForm):
    guidelines = forms.CharField(
        label=_("Guidelines"),
        max_length=MAX_GUIDELINES,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What members agree to when they join: confidentiality, kindness, no advice-giving unless asked…"),
    )


class AcceptGuidelinesForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I accept the guidelines"), error_messages={"required": _("Tick the box to accept the guidelines.")}
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class JoinRequestForm(AcceptGuidelinesForm):
    message = forms.CharField(
        label=_("A few words for the facilitators (optional)"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GuidelinesForm(forms.Form):
    text = forms.CharField(
        label=_("New version of the guidelines"),
        max_length=MAX_GUIDELINES,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("It becomes current at once; members are asked to accept it before they post again."),
    )


class LeaveForm(forms.Form):
    successor = forms.ChoiceField(label=_("Who takes over as facilitator"), required=False, choices=())

    def __init__(self, *args, successors=(), **kwargs):
        super().__init__(*args, **kwargs)
        if successors:
            self.fields["successor"].choices = [("", "—"), *[(str(m.pk), m.shown_name) for m in successors]]
        else:
            del self.fields["successor"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices)


class RemoveMemberForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the member is told)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say it kindly and plainly: which guideline, and what they can do next."),
    )


class InviteMemberForm(forms.Form):
    username = forms.CharField(label=_("Username of the member to invite"), max_length=150)
    expires_at = forms.DateTimeField(label=_("Expires (optional)"), required=False, widget=DATETIME_WIDGET)


class InviteLinkForm(forms.Form):
    expires_at = forms.DateTimeField(label=_("Link expires (optional)"), required=False, widget=DATETIME_WIDGET)


class MeetingLinkForm(forms.Form):
    meeting = forms.IntegerField(label=_("Meeting number in the directory"), min_value=1)


class MeetingSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the directory"), max_length=100, required=False)
