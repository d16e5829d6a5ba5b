"""Peer support notes: writing one (with guidance beside the form) and the page where a member keeps theirs.

Writing to someone in a block with you answers 404, as if they did not exist. Same crisis-language flow as posts.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.connections import shown_name, shown_names
from accounts.naming import bylines
from safety.crisis import check_text

from ..forms import add_service_errors
from ..forms.notes import NoteForm
from ..models import Group, SupportNote
from ..services import notes as services

NOTES_PER_PAGE = 30


@login_required
def note_new(request, username):
    recipient = services.find_recipient(request.user, username)
    group = None
    if request.GET.get("group"):
        group = Group.objects.filter(slug=request.GET["group"], memberships__user=request.user).first()
    allowed = services.may_write_to(request.user, recipient)
    form = NoteForm(request.POST or None)
    show_help = False
    if request.method == "POST" and allowed and form.is_valid():
        result = check_text(form.cleaned_data["body"]) if not form.cleaned_data["seen_help"] else None
        if result is not None and result.at_risk:
            show_help = result.kind
            data = request.POST.copy()
            data["seen_help"] = "1"
            form = NoteForm(data)
            form.is_valid()
        else:
            try:
                services.write_note(request.user, recipient, group=group, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your note is on its way to %(name)s. Thank you for your kindness.")
                    % {"name": shown_name(request.user, recipient)},
                )
                return redirect("groups:notes_sent")
    context = {
        "recipient": recipient,
        "recipient_name": shown_name(request.user, recipient),
        "group": group,
        "form": form,
        "allowed": allowed,
        "show_help": show_help,
    }
    return render(request, "groups/notes/write.html", context, status=200 if allowed else 403)


def _notes_page(request, tab: str):
    if tab == "sent":
        notes = SupportNote.objects.sent_by(request.user).select_related("recipient", "group")
    else:
        notes = SupportNote.objects.received_by(request.user).select_related("sender", "group")
    page = Paginator(notes.order_by("-created_at", "-pk"), NOTES_PER_PAGE).get_page(request.GET.get("page"))
    notes_on_page = list(page.object_list)
    if tab == "sent":
        for note in notes_on_page:
            note.sender = request.user
        # The sender chose each recipient by username: where their name is kept from the sender, that is shown.
        recipients = shown_names(request.user, [note.recipient for note in notes_on_page])
    senders = bylines(request.user, [note.sender for note in notes_on_page])
    for note in notes_on_page:
        note.shown_sender = senders[note.sender_id]
        note.shown_recipient = recipients[note.recipient_id] if tab == "sent" else ""
        note.is_new = tab == "received" and note.read_at is None
    if tab == "received":
        services.mark_notes_read(request.user)
    return render(request, "groups/notes/list.html", {"page": page, "notes": notes_on_page, "tab": tab})


@login_required
def note_list(request):
    """The notes I received and keep, newest first."""
    return _notes_page(request, "received")


@login_required
def notes_sent(request):
    return _notes_page(request, "sent")


@login_required
@require_POST
def note_let_go(request, note_id):
    note = get_object_or_404(SupportNote.objects.received_by(request.user), pk=note_id)
    services.let_go(request.user, note)
    messages.success(request, _("The note is let go. It no longer shows here."))
    return redirect("groups:notes")


urlpatterns = [
    path("notes/", note_list, name="notes"),
    path("notes/sent/", notes_sent, name="notes_sent"),
    path("notes/write/<str:username>/", note_new, name="note_new"),
    path("notes/<int:note_id>/let-go/", note_let_go, name="note_let_go"),
]
