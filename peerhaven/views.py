from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from directory.models import Program


def home(request):
    return render(request, "home.html", {"programs": Program.objects.all()})


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not. Says nothing else about the site."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def about_privacy(request):
    return render(request, "privacy.html")


def robots_txt(request):
    from django.http import HttpResponse

    # Everything private already needs a login; this tells well-behaved crawlers not to try.
    private = ["/me/", "/members/", "/api/", "/shared-with-me/", "/notes/", "/report/", "/moderation/"]
    private += ["/resources/", "/events/", "/groups/*/threads/", "/groups/*/resources/", "/groups/*/events/"]
    private += ["/groups/*/members/", "/groups/*/manage/", "/groups/invite/"]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in private)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
