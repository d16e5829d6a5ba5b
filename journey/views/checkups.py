"""Pages of My recovery: the monthly recovery check-up, its history and one result compared with the one before."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from .. import checkup as questionnaire
from ..access import get_own
from ..forms.checkups import CheckupForm
from ..models import Checkup, Domain, today_for
from ..services import checkups as services


@login_required
def checkup_list(request):
    today = today_for(request.user)
    checkups = list(Checkup.objects.owned_by(request.user).order_by("-taken_on", "-pk"))
    rows = []
    for index, checkup in enumerate(checkups):
        previous = checkups[index + 1] if index + 1 < len(checkups) else None
        rows.append((checkup, services.scores_of(checkup, previous), services.change_in_words(checkup, previous)))
    latest = checkups[0] if checkups else None
    due = services.next_due(latest, today)
    context = {"rows": rows, "latest": latest, "due": due, "due_now": due <= today, "today": today}
    return render(request, "journey/checkups/list.html", context)


@login_required
def checkup_new(request):
    today = today_for(request.user)
    this_month = services.month_of(request.user, today)
    form = CheckupForm(request.POST or None, initial=this_month.answers if this_month else None)
    if request.method == "POST" and form.is_valid():
        # The form has checked every answer; the service checks them again for the API's sake.
        checkup = services.record_checkup(request.user, today=today, answers=form.cleaned_data)
        messages.success(request, _("Thank you for checking in with yourself. Here is this month's snapshot."))
        return redirect("journey:checkup", checkup.pk)
    context = {"form": form, "this_month": this_month, "introduction": questionnaire.INTRODUCTION}
    return render(request, "journey/checkups/new.html", context)


@login_required
def checkup_detail(request, checkup_id):
    checkup = get_own(Checkup, request.user, checkup_id)
    previous = services.previous_of(checkup)
    answers = [
        (
            domain.label,
            [
                (q.text, questionnaire.label_for(checkup.answers[q.key]) if q.key in checkup.answers else "—")
                for q in questionnaire.questions_in(domain.value)
            ],
        )
        for domain in Domain
    ]
    context = {
        "checkup": checkup,
        "previous": previous,
        "scores": services.scores_of(checkup, previous),
        "change": services.change_in_words(checkup, previous),
        "answers": answers,
    }
    return render(request, "journey/checkups/detail.html", context)


urlpatterns = [
    path("me/recovery/checkups/", checkup_list, name="checkups"),
    path("me/recovery/checkups/new/", checkup_new, name="checkup_new"),
    path("me/recovery/checkups/<int:checkup_id>/", checkup_detail, name="checkup"),
]
