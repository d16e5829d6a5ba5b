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

    return HttpResponse(
        "User-agent: *\nDisallow: /me/\nDisallow: /members/\nDisallow: /api/\n", content_type="text/plain"
    )
