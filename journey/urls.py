"""My recovery's pages; each part's view module lists its own URLs."""

from .views import attendance, checkins, checkups, counters, dashboard, goals, journal, plan, sharing, worksheets

app_name = "journey"

urlpatterns = [
    *dashboard.urlpatterns,
    *counters.urlpatterns,
    *checkins.urlpatterns,
    *goals.urlpatterns,
    *checkups.urlpatterns,
    *plan.urlpatterns,
    *worksheets.urlpatterns,
    *attendance.urlpatterns,
    *journal.urlpatterns,
    *sharing.urlpatterns,
]
