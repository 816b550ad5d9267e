"""Pages of the services app: manual services, the seed's path "Options → Seeker Services".

Workshops (services.workshops) and their pages are a sub-package of their own.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from seekers.models import JobSeeker
from seekers.selectors import seeker_get
from services import selectors
from services.forms import ServiceRecordForm
from services.services import service_record
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.forms import form_service_errors_add
from workforce.permissions import role_required


def _form(request: HttpRequest, seeker: JobSeeker, data: QueryDict | None = None
          ) -> ServiceRecordForm:  # fmt: skip
    initial = {"service_date": timezone.localdate(), "credited_staff": request.user.pk,
               "form_token": uuid.uuid4().hex}  # fmt: skip
    return ServiceRecordForm(
        data, initial=initial,
        entries=selectors.service_type_recordable_list(user=request.user),
        staff=selectors.service_credit_staff_list(seeker=seeker, actor=request.user),
        backdate_days=settings.SERVICE_BACKDATE_DAYS,
        seeker_is_veteran=selectors.seeker_veteran_recorded(seeker=seeker),
    )  # fmt: skip


def _page(request: HttpRequest, seeker: JobSeeker, form: ServiceRecordForm,
          status: int = 200) -> HttpResponse:  # fmt: skip
    return render(request, "services/record.html", {"seeker": seeker, "form": form},
                  status=status)  # fmt: skip


@require_GET
@role_required(*ROLES_SERVING_SEEKERS)
def service_record_page(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    return _page(request, seeker, _form(request, seeker))


@require_POST
@role_required(*ROLES_SERVING_SEEKERS)
def service_record_save(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = seeker_get(user=request.user, seeker_id=seeker_id)
    form = _form(request, seeker, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record = service_record(
                seeker=seeker, service_type=data["service_type"],
                service_date=data["service_date"], credited_staff=data["credited_staff"],
                note=data["note"], actor=request.user, form_token=data["form_token"],
                veteran_confirmed=data["veteran_confirmed"],
            )  # fmt: skip
        except ValidationError as exc:
            form_service_errors_add(form, exc)
        else:
            messages.success(request, f"{record.service_type.name} recorded for "
                             f"{seeker.full_name} on {record.service_date:%m/%d/%Y}.")  # fmt: skip
            return redirect(reverse("casework:detail", args=[seeker.pk]) + "#seeker-services")
    return _page(request, seeker, form, status=400)
