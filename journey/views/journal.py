"""Pages of My recovery: the private journal (list and search, write from a prompt or a blank page, read, edit,
delete). Only the member reads their entries; one entry may be shared with one person from its page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from ..access import get_own
from ..forms import add_service_errors
from ..forms.journal import EntryForm, SearchForm
from ..models import JournalEntry, today_for
from ..prompts import PROMPTS, get_prompt
from ..services import journal as services

PER_PAGE = 20


@login_required
def journal_list(request):
    form = SearchForm(request.GET or None, tags=services.all_tags(request.user))
    criteria = {}
    if form.is_bound:
        form.is_valid()  # keep whichever filters are valid; an unknown tag or a bad date is just ignored
        data = form.cleaned_data
        criteria = {
            "q": data.get("q") or "",
            "tag": data.get("tag") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
    entries = services.search_entries(request.user, **criteria)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    kept = {name: value for name, value in request.GET.items() if name != "page" and value}
    context = {
        "form": form,
        "page": page,
        "searching": any(criteria.values()),
        "query_string": urlencode(kept),
        "prompts": PROMPTS.values(),
    }
    return render(request, "journey/journal/list.html", context)


@login_required
def journal_new(request):
    today = today_for(request.user)
    prompt = get_prompt(request.POST.get("prompt") if request.method == "POST" else request.GET.get("prompt"))
    initial = {"date": today}
    if prompt:
        initial.update(body=prompt.starter_text(), tags=", ".join(prompt.tags), prompt=prompt.key)
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.create_entry(request.user, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your entry is saved. Only you can read it."))
            return redirect(reverse("journey:journal_entry", kwargs={"entry_id": entry.pk}) + "?saved=1")
    context = {"form": form, "prompt": prompt, "prompts": PROMPTS.values()}
    return render(request, "journey/journal/new.html", context)


@login_required
def journal_entry(request, entry_id):
    entry = get_own(JournalEntry, request.user, entry_id)
    context = {"entry": entry, "prompt": get_prompt(entry.prompt), "just_saved": bool(request.GET.get("saved"))}
    return render(request, "journey/journal/entry.html", context)


@login_required
def journal_edit(request, entry_id):
    entry = get_own(JournalEntry, request.user, entry_id)
    today = today_for(request.user)
    initial = {
        "date": entry.date,
        "title": entry.title,
        "body": entry.body,
        "mood": entry.mood,
        "tags": ", ".join(entry.tags or []),
        "prompt": entry.prompt,
    }
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entry(entry, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your entry is saved."))
            return redirect(reverse("journey:journal_entry", kwargs={"entry_id": entry.pk}) + "?saved=1")
    return render(request, "journey/journal/edit.html", {"entry": entry, "form": form})


@login_required
def journal_delete(request, entry_id):
    entry = get_own(JournalEntry, request.user, entry_id)
    if request.method == "POST":
        services.delete_entry(entry)
        messages.success(request, _("The entry is deleted."))
        return redirect("journey:journal")
    return render(request, "journey/journal/delete.html", {"entry": entry})


urlpatterns = [
    path("me/recovery/journal/", journal_list, name="journal"),
    path("me/recovery/journal/new/", journal_new, name="journal_new"),
    path("me/recovery/journal/<int:entry_id>/", journal_entry, name="journal_entry"),
    path("me/recovery/journal/<int:entry_id>/edit/", journal_edit, name="journal_edit"),
    path("me/recovery/journal/<int:entry_id>/delete/", journal_delete, name="journal_delete"),
]
