from django.http import JsonResponse
from django.urls import path, re_path

from .api import api


def not_found(request, rest=""):
    return JsonResponse({"message": f"No API endpoint at {request.path}."}, status=404)


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found),
]
