from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.group_list, name="list"),
    path("groups/<slug:slug>/", views.group_detail, name="detail"),
]
