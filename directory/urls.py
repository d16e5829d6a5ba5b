from django.urls import path

from .views import finder, guide, meeting, saved, steward

app_name = "directory"

urlpatterns = [
    # The finder (directory/views/finder.py)
    path("meetings/", finder.meeting_list, name="meetings"),
    # One meeting (directory/views/meeting.py)
    path("meetings/<int:meeting_id>/", meeting.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>.ics", meeting.meeting_ics, name="meeting_ics"),
    path("meetings/<int:meeting_id>/correction/", meeting.report_correction, name="report_correction"),
    # Saved meetings and the private calendar feed (directory/views/saved.py)
    path("meetings/<int:meeting_id>/save/", saved.toggle_saved, name="toggle_saved"),
    path("me/meetings/", saved.saved_meetings, name="saved_meetings"),
    path("me/meetings/calendar/new-link/", saved.reset_calendar_link, name="reset_calendar_link"),
    path("calendar/<str:key>.ics", saved.calendar_feed, name="calendar_feed"),
    # Data stewards (directory/views/steward.py)
    path("stewards/", steward.steward_home, name="steward_home"),
    path("stewards/meetings/<int:meeting_id>/edit/", steward.edit_meeting, name="edit_meeting"),
    path("stewards/sources/<slug:source_slug>/new/", steward.new_meeting, name="new_meeting"),
    path("stewards/corrections/<int:correction_id>/", steward.handle_correction, name="handle_correction"),
    # The newcomer guide, "Help me choose" (directory/views/guide.py)
    path("meetings/help-me-choose/", guide.help_me_choose, name="guide"),
]
