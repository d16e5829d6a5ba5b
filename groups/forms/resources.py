"""The shape of the resource library's forms; the rules (trust, files, permissions) live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.vocabularies import Domain

from ..models import ResourceKind
from ..models.resources import Need


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's field errors next to the form's fields (unknown fields go to the top)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What it is and how it helped. Markdown works; no one's story but your own, please."),
    )
    url = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
        help_text=_("For a link: the full web address, starting with https://."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "For a file: a PDF or an image (PNG, JPEG, WebP, GIF). Hidden details such as location are removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg,image/webp,image/gif"}),
    )
    domains = forms.MultipleChoiceField(
        label=_("Areas of recovery"), required=False, choices=Domain.choices, widget=forms.CheckboxSelectMultiple
    )
    needs = forms.MultipleChoiceField(
        label=_("Helps with"), required=False, choices=Need.choices, widget=forms.CheckboxSelectMultiple
    )


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    domain = forms.ChoiceField(label=_("Area of recovery"), required=False, choices=[("", _("Any")), *Domain.choices])
    need = forms.ChoiceField(label=_("Helps with"), required=False, choices=[("", _("Any")), *Need.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any")), *ResourceKind.choices])
