"""Group pages; each part's view module lists its own URLs."""

from .views import discussion, events, groups, manage, membership, notes, resources

app_name = "groups"

urlpatterns = [
    *groups.urlpatterns,
    *membership.urlpatterns,
    *manage.urlpatterns,
    *discussion.urlpatterns,
    *notes.urlpatterns,
    *resources.urlpatterns,
    *events.urlpatterns,
]
