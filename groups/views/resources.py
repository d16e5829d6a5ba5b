"""Group pages: the resource libraries (the site's and each group's), a resource, its file, "this helped me"."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import get_group_for_reader, get_resource_for_reader
from ..forms.resources import ResourceFilterForm, ResourceForm, add_service_errors
from ..services import resources as services

PER_PAGE = 20


def _library(request, group):
    form = ResourceFilterForm(request.GET or None)
    criteria = {}
    if form.is_bound:
        form.is_valid()  # keep the valid filters; an unknown choice is ignored
        criteria = {name: form.cleaned_data.get(name) or "" for name in ("q", "domain", "need", "kind")}
    resources = services.find_resources(request.user, group=group, site_only=group is None, **criteria)
    page = Paginator(resources, PER_PAGE).get_page(request.GET.get("page"))
    for resource in page.object_list:
        resource.tags = services.tags_of(resource)
    kept = {name: value for name, value in request.GET.items() if name != "page" and value}
    context = {
        "group": group,
        "form": form,
        "page": page,
        "searching": any(criteria.values()),
        "query_string": urlencode(kept),
        "may_add": bool(services.can_add(request.user, group)),
        "add_url": reverse("groups:resource_new", args=[group.slug]) if group else reverse("groups:site_resource_new"),
    }
    return render(request, "groups/resources/list.html", context)


@login_required
def site_resources(request):
    return _library(request, None)


@login_required
def group_resources(request, slug):
    return _library(request, get_group_for_reader(request.user, slug))


def _add(request, group):
    permission = services.can_add(request.user, group)
    if not permission:
        raise PermissionDenied(getattr(permission, "reason", ""))
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.add_resource(request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for sharing this."))
            return redirect("groups:resource", resource_id=resource.pk)
    return render(request, "groups/resources/form.html", {"form": form, "group": group})


@login_required
def site_resource_new(request):
    return _add(request, None)


@login_required
def group_resource_new(request, slug):
    return _add(request, get_group_for_reader(request.user, slug))


@login_required
def resource_detail(request, resource_id):
    resource = get_resource_for_reader(request.user, resource_id)
    context = {
        "resource": resource,
        "group": resource.group,
        "tags": services.tags_of(resource),
        "helped": services.has_helped(request.user, resource),
        "may_delete": services.can_delete(request.user, resource),
    }
    return render(request, "groups/resources/detail.html", context)


@login_required
def resource_file(request, resource_id):
    """The file, only through here: access checked, never cached by a shared cache, never sniffed."""
    resource = get_resource_for_reader(request.user, resource_id)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    is_image = resource.file_type.startswith("image/")
    response = FileResponse(
        handle,
        content_type=resource.file_type or "application/octet-stream",
        as_attachment=not is_image,
        filename=resource.file_name or f"resource-{resource.pk}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def resource_helped(request, resource_id):
    resource = get_resource_for_reader(request.user, resource_id)
    helped = request.POST.get("helped") != "0"
    services.set_helped(request.user, resource, helped)
    if helped:
        messages.success(request, _("Thank you for saying so: it helps others find it."))
    return redirect("groups:resource", resource_id=resource.pk)


@login_required
def resource_delete(request, resource_id):
    resource = get_resource_for_reader(request.user, resource_id)
    if not services.can_delete(request.user, resource):
        raise PermissionDenied
    if request.method == "POST":
        group = resource.group
        services.delete_resource(request.user, resource)
        messages.success(request, _("The resource was removed."))
        return redirect(reverse("groups:resources", args=[group.slug]) if group else reverse("groups:site_resources"))
    return render(request, "groups/resources/delete.html", {"resource": resource, "group": resource.group})


urlpatterns = [
    path("resources/", site_resources, name="site_resources"),
    path("resources/new/", site_resource_new, name="site_resource_new"),
    path("resources/<int:resource_id>/", resource_detail, name="resource"),
    path("resources/<int:resource_id>/file/", resource_file, name="resource_file"),
    path("resources/<int:resource_id>/helped/", resource_helped, name="resource_helped"),
    path("resources/<int:resource_id>/delete/", resource_delete, name="resource_delete"),
    path("groups/<slug:slug>/resources/", group_resources, name="resources"),
    path("groups/<slug:slug>/resources/new/", group_resource_new, name="resource_new"),
]
