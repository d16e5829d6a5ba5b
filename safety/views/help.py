from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from ..country import help_country


def get_help(request):
    """The Get help page: the visitor's country first (`help_country`), the rest of the world after."""
    return render(request, "safety/get_help.html", {"help_country": help_country(request)})


def help_lines_fragment(request):
    """The compact lines alone, for the country switch inside another card (htmx swaps it in; without JavaScript
    the switch goes to the Get help page instead, and so does anyone who opens this address)."""
    if not request.headers.get("HX-Request"):
        country = request.GET.get("country", "")
        return redirect(reverse("safety:help") + ("?" + urlencode({"country": country}) if country else ""))
    return render(request, "safety/_help_lines_fragment.html", {"help_country": help_country(request)})
