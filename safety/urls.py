from django.urls import path

from . import views

app_name = "safety"

urlpatterns = [
    path("help/", views.get_help, name="help"),
]
