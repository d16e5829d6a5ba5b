"""My people (/me/people/): my connections, requests to me and from me, and asking a member to connect."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import connections
from .access import (
    find_member_for,
    get_connection_for_member,
    get_request_for_recipient,
    get_request_for_sender,
    incoming_requests,
    outgoing_requests,
)
from .models import ConnectionRequest, ConnectionRequestStatus


class ConnectForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Their username"), max_length=150)
    message = forms.CharField(
        label=gettext_lazy("A message with your request (optional)"),
        required=False,
        max_length=ConnectionRequest.MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Only they will read it."),
    )


def _render_people(request, form: ConnectForm):
    outgoing = list(outgoing_requests(request.user))
    context = {
        "form": form,
        "people": [(p, connections.connection_name(p)) for p in connections.people_of(request.user)],
        "incoming": [(r, connections.shown_name(request.user, r.from_user)) for r in incoming_requests(request.user)],
        "outgoing": [(r, connections.shown_name(request.user, r.to_user)) for r in outgoing],
    }
    return render(request, "accounts/people.html", context)


@login_required
def people(request):
    return _render_people(request, ConnectForm())


@login_required
@require_POST
def people_request(request):
    form = ConnectForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sent = connections.request_connection(
                request.user, find_member_for(request.user, data["username"]), data["message"]
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if sent.status == ConnectionRequestStatus.ACCEPTED:
                text = _("%(name)s had already asked you, so you are now connected.")
                messages.success(request, text % {"name": connections.shown_name(request.user, sent.from_user)})
            else:
                messages.success(request, _("Request sent. They can accept or decline it."))
            return redirect("accounts:people")
    return _render_people(request, form)


def _answer(request, found: ConnectionRequest, action, done: str):
    """Apply `action` to a request already fetched for this member, and go back to My people."""
    try:
        action(request.user, found)
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, done)
    return redirect("accounts:people")


@login_required
@require_POST
def people_accept(request, request_id):
    found = get_request_for_recipient(request.user, request_id)
    return _answer(request, found, connections.accept_request, _("You are now connected."))


@login_required
@require_POST
def people_decline(request, request_id):
    found = get_request_for_recipient(request.user, request_id)
    return _answer(request, found, connections.decline_request, _("Declined. Nobody is told."))


@login_required
@require_POST
def people_withdraw(request, request_id):
    found = get_request_for_sender(request.user, request_id)
    return _answer(request, found, connections.withdraw_request, _("Your request is withdrawn."))


@login_required
@require_POST
def people_remove(request, username):
    other = get_connection_for_member(request.user, username)
    connections.remove_connection(request.user, other)
    messages.success(
        request, _("%(name)s is no longer one of your people.") % {"name": connections.connection_name(other)}
    )
    return redirect("accounts:people")


urlpatterns = [
    path("me/people/", people, name="people"),
    path("me/people/request/", people_request, name="people_request"),
    path("me/people/requests/<int:request_id>/accept/", people_accept, name="people_accept"),
    path("me/people/requests/<int:request_id>/decline/", people_decline, name="people_decline"),
    path("me/people/requests/<int:request_id>/withdraw/", people_withdraw, name="people_withdraw"),
    path("me/people/<str:username>/remove/", people_remove, name="people_remove"),
]
