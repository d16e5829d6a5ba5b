"""Pages of My recovery: worksheets (the five kinds to start, my filled worksheets, one worksheet, delete)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import get_own
from ..forms import add_service_errors
from ..forms.worksheets import WorksheetForm
from ..models import Worksheet, today_for
from ..services import worksheets as services
from ..worksheets import DEFINITIONS, definition_for


@login_required
def worksheet_list(request):
    mine = list(Worksheet.objects.owned_by(request.user))
    kinds = [(definition, [w for w in mine if w.kind == kind]) for kind, definition in DEFINITIONS.items()]
    return render(request, "journey/worksheets/list.html", {"kinds": kinds, "count": len(mine)})


@login_required
def worksheet_new(request, kind):
    definition = definition_for(kind)
    if definition is None:
        raise Http404
    initial = {}
    if "when" in definition.questions:  # an urge is usually logged as it happens: now, on the member's clock
        initial["when"] = timezone.localtime(timezone.now(), request.user.zone).strftime("%Y-%m-%dT%H:%M")
    form = WorksheetForm(definition, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            worksheet = services.create_worksheet(
                request.user,
                kind=kind,
                title=form.cleaned_data["title"],
                data=form.answers(),
                today=today_for(request.user),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your worksheet is saved. Only you can see it, unless you share it."))
            return redirect("journey:worksheet", worksheet.pk)
    return render(request, "journey/worksheets/new.html", {"definition": definition, "form": form})


@login_required
def worksheet_detail(request, worksheet_id):
    worksheet = get_own(Worksheet, request.user, worksheet_id)
    definition = definition_for(worksheet.kind)
    form = WorksheetForm(
        definition, request.POST or None, initial={"title": worksheet.title}, data_initial=worksheet.data
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_worksheet(
                worksheet, title=form.cleaned_data["title"], data=form.answers(), today=today_for(request.user)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your worksheet is saved."))
            return redirect("journey:worksheet", worksheet.pk)
    context = {"worksheet": worksheet, "definition": definition, "form": form}
    return render(request, "journey/worksheets/detail.html", context)


@login_required
def worksheet_delete(request, worksheet_id):
    worksheet = get_own(Worksheet, request.user, worksheet_id)
    if request.method == "POST":
        services.delete_worksheet(worksheet)
        messages.success(request, _("The worksheet is deleted."))
        return redirect("journey:worksheets")
    return render(request, "journey/worksheets/delete.html", {"worksheet": worksheet})


urlpatterns = [
    path("me/recovery/worksheets/", worksheet_list, name="worksheets"),
    path("me/recovery/worksheets/new/<slug:kind>/", worksheet_new, name="worksheet_new"),
    path("me/recovery/worksheets/<int:worksheet_id>/", worksheet_detail, name="worksheet"),
    path("me/recovery/worksheets/<int:worksheet_id>/delete/", worksheet_delete, name="worksheet_delete"),
]
