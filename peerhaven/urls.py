from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# The admin logs in through the site's own login (brute-force protection and MFA included).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "PeerHaven administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.about_privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("safety.urls")),
    path("", include("moderation.urls")),
    path("", include("accounts.urls")),
    path("", include("directory.urls")),
    path("", include("groups.urls")),
    path("", include("journey.urls")),
    path("", include("notifications.urls")),
    path("", include("api.urls")),
]
