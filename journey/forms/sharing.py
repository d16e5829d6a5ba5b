from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.sharing import MAX_MESSAGE


class ShareForm(forms.Form):
    to_person = forms.ChoiceField(label=_("With one of my people"), required=False)
    to_user = forms.CharField(
        label=_("With a person (their username)"),
        required=False,
        max_length=150,
        help_text=_("For example your sponsor or accountability partner."),
    )
    to_group = forms.ChoiceField(label=_("Or with one of your groups"), required=False)
    message = forms.CharField(
        label=_("A message with it (optional)"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, groups=(), people=(), allow_groups=True, **kwargs):
        """`people`: (username, name to show) of the member's connections, offered as a select."""
        super().__init__(*args, **kwargs)
        if people:
            # The value is a username, so that both ways of choosing a person end in the same look-up.
            self.fields["to_person"].choices = [("", "—"), *people]
            self.fields["to_user"].label = _("Or with another person (their username)")
        else:
            del self.fields["to_person"]
        if allow_groups:
            self.fields["to_group"].choices = [("", "—"), *((str(g.pk), g.name) for g in groups)]
        else:
            del self.fields["to_group"]

    def clean(self):
        data = super().clean()
        if data.get("to_person") and data.get("to_user"):
            self.add_error("to_user", _("Choose one person: from your people or by username, not both."))
        return data
