from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
]
