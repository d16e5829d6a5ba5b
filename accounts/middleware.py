from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class UserTimezoneMiddleware:
    """Show times in the member's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


# Paths a staff member without MFA may still reach: setting MFA up, leaving, and getting help.
MFA_SETUP_ALLOWED_PREFIXES = ("/accounts/", "/help/", "/static/", "/healthz", "/i18n/", "/api/v1/help/")


class StaffRolesRequireMFAMiddleware:
    """A member holding a staff role is sent to set up two-factor authentication before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_mfa
            and not request.path.startswith(MFA_SETUP_ALLOWED_PREFIXES)
        ):
            from allauth.mfa.utils import is_mfa_enabled

            if not is_mfa_enabled(user):
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse(
                        {"message": "Your role requires two-factor authentication; set it up in the site first."},
                        status=403,
                    )
                messages.warning(request, _("Your role needs two-factor authentication. Please set it up first."))
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class PrivateResponsesNoStoreMiddleware:
    """Every answer to a member (a session or an API token) says `Cache-Control: no-store`, so that neither a shared
    computer's browser (its back button, its disk cache) nor a proxy keeps a private page after logout.

    Answers to anonymous visitors keep their own caching (public pages, the meeting finder); static files are
    served by WhiteNoise before this runs. `/api/v1/me…` is never stored, whoever asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if "no-store" in response.get("Cache-Control", ""):
            return response  # the view said it already
        if (
            (user is not None and user.is_authenticated)
            or "HTTP_AUTHORIZATION" in request.META
            or request.path.startswith("/api/v1/me")
        ):
            add_never_cache_headers(response)
        return response
