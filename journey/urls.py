from django.urls import path

from . import views

app_name = "journey"

urlpatterns = [
    path("me/recovery/", views.recovery_home, name="home"),
    path("me/recovery/<int:counter_id>/", views.counter_edit, name="counter_edit"),
    path("me/recovery/<int:counter_id>/slip/", views.record_slip, name="slip"),
    path("me/recovery/<int:counter_id>/delete/", views.counter_delete, name="counter_delete"),
]
