import zoneinfo
from functools import cache

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _

from directory.models import Program
from safety.country import country_choices

from .models import TokenScope, User


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [("UTC", "UTC"), *((z, z.replace("_", " ")) for z in zones)]


LANGUAGE_CHOICES = sorted(
    ((code, str(name)) for code, name in global_settings.LANGUAGES if "-" not in code), key=lambda pair: pair[1]
)

VISIBILITY_HELP = _("Who can see this")


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    country = forms.ChoiceField(
        label=_("Country (for help lines; only you see it)"), choices=country_choices, required=False
    )
    fellowships = forms.ModelMultipleChoiceField(
        label=_("Fellowships and programs"),
        queryset=Program.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "display_name_visibility",
            "pronouns",
            "pronouns_visibility",
            "fellowships",
            "fellowships_visibility",
            "languages",
            "languages_visibility",
            "time_zone",
            "time_zone_visibility",
            "country",
        ]
        labels = {
            "display_name": _("Display name"),
            "pronouns": _("Pronouns"),
            "display_name_visibility": VISIBILITY_HELP,
            "pronouns_visibility": VISIBILITY_HELP,
            "fellowships_visibility": VISIBILITY_HELP,
            "languages_visibility": VISIBILITY_HELP,
            "time_zone_visibility": VISIBILITY_HELP,
        }
        help_texts = {
            "display_name": _(
                "The name other members see. A first name, an initial or a nickname; never your full name."
            ),
        }

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Choose a display name."))
        return name

    def pairs(self):
        """(field, its visibility field) for the template, so each field sits beside who can see it."""
        return [
            (self[name], self[f"{name}_visibility"])
            for name in ("display_name", "pronouns", "fellowships", "languages", "time_zone")
        ]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What is this token for?"), max_length=60)
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        coerce=int,
        initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=TokenScope.choices,
        initial=[TokenScope.RECOVERY_READ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose only what the app needs. No token can create or revoke tokens."),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.CharField(label=_("Type DELETE to confirm"), max_length=10)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in {"DELETE", "BORRAR"}:
            raise forms.ValidationError(_("Type DELETE to confirm."))
        return value


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, with pseudonym guidance and the same answer whether or not an email is in use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = _(
            "Used to log in and shown to other members until you choose a display name. Please don't use your "
            "real full name."
        )
        if "email" in self.fields:
            self.fields["email"].help_text = _(
                "Optional. Only needed to recover your account; we verify it before you can log in with it."
            )

    def validate_unique_email(self, value):
        # allauth would say "already registered" here unless verification is mandatory site-wide; we make a
        # given email mandatory to verify (accounts.stages), so answer as allauth does in that mode.
        email = get_adapter().validate_unique_email(value)
        self.account_already_exists = EmailAddress.objects.filter(email__iexact=email).exists() or (
            User.objects.filter(email__iexact=email).exists()
        )
        return email
