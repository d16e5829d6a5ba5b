from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.sharing import MAX_MESSAGE


class ShareForm(forms.Form):
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

    def __init__(self, *args, groups=(), allow_groups=True, **kwargs):
        super().__init__(*args, **kwargs)
        if allow_groups:
            self.fields["to_group"].choices = [("", "—"), *((str(g.pk), g.name) for g in groups)]
        else:
            del self.fields["to_group"]
