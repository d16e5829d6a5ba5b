from django.shortcuts import render

from ..help import crisis_lines_by_country


def get_help(request):
    countries, first = crisis_lines_by_country(request.GET.get("country", ""))
    return render(request, "safety/get_help.html", {"countries": countries, "first": first})
