"""A suspended member may still reach Get help, their account and data, their moderation page (to read why and
appeal), notifications and logging out; everything else answers 403 with the reason and the way to appeal."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from accounts.access import suspended_until

from .sanctions import active_suspension, allowed_while_suspended

ALWAYS_OPEN_PREFIXES = ("/static/", "/healthz", "/robots.txt", "/i18n/")


class SuspendedMemberMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(ALWAYS_OPEN_PREFIXES):
            return self.get_response(request)
        suspended, until = suspended_until(user)
        if not suspended or self._allowed(request.path_info):
            return self.get_response(request)
        message = "Your account is suspended for now. See /me/moderation/ for why and how to appeal."
        if request.path.startswith("/api/"):
            return JsonResponse({"message": message, "errors": []}, status=403)
        context = {"action": active_suspension(user), "until": until}
        return render(request, "moderation/suspended.html", context, status=403)

    @staticmethod
    def _allowed(path: str) -> bool:
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return allowed_while_suspended(match.view_name)
