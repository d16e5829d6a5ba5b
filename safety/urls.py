"""Safety pages: Get help."""

from django.urls import path

from .views import help

app_name = "safety"

urlpatterns = [
    path("help/", help.get_help, name="help"),
    path("help/lines/", help.help_lines_fragment, name="help_lines"),
]
