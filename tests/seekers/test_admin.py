"""The seeker admin cannot change the data-sharing choice (seed 002, issue 14).

Opting out or back in goes through `optout.services.consent_set` only: a state supervisor,
a reason, a channel and a `ConsentChange` row. The admin shows the flag read-only.
"""

from __future__ import annotations

import pytest
from django.contrib import admin as django_admin
from django.contrib.admin.utils import flatten_fieldsets
from django.test import Client, RequestFactory
from django.urls import reverse

from optout.models import ConsentChange, OptInRequest
from tests.conftest import client_for
from tests.factories import DemographicsFactory, JobSeekerFactory
from workforce.models import User

pytestmark = pytest.mark.django_db


def _form_data(response: object) -> dict:
    """What the change form would post untouched: every field's initial value, inlines too."""
    data: dict = {}
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                formatted = field.widget.format_value(value)
                if formatted is not None:
                    data[key] = formatted
    return data


@pytest.mark.parametrize("opted_out", [False, True])
def test_posting_the_admin_change_form_with_opted_out_flipped_changes_nothing(
    admin: User, opted_out: bool
) -> None:
    seeker = JobSeekerFactory(opted_out=opted_out, last_name="Larsen")
    DemographicsFactory(seeker=seeker)
    client: Client = client_for(admin)
    url = reverse("admin:seekers_jobseeker_change", args=[seeker.pk])
    page = client.get(url)
    data = {**_form_data(page), "last_name": "Larson"}
    if opted_out:
        data.pop("opted_out", None)  # an unticked box is simply not posted
    else:
        data["opted_out"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    seeker.refresh_from_db()
    assert seeker.last_name == "Larson"  # the post went through: only the flag stayed
    assert seeker.opted_out is opted_out
    assert not ConsentChange.objects.filter(seeker=seeker).exists()


def test_the_admin_shows_the_choice_read_only(admin: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    page = client_for(admin).get(reverse("admin:seekers_jobseeker_change", args=[seeker.pk]))
    assert "opted_out" not in page.context["adminform"].form.fields
    assert 'name="opted_out"' not in page.content.decode()
    assert "opted out of data sharing" in page.content.decode().lower()


CONSENT_FIELDS = {"opted_out"}
CONSENT_MODELS = {ConsentChange, OptInRequest}


def test_no_admin_form_inline_or_action_edits_the_choice(admin: User) -> None:
    """Every registered admin and inline: no consent field on its form, no consent record
    added, changed or deleted, no bulk action on a model that carries the flag."""
    request = RequestFactory().get("/admin/")
    request.user = admin
    for model, model_admin in django_admin.site._registry.items():
        inlines = model_admin.get_inline_instances(request)
        for part in [model_admin, *inlines]:
            fields = set(flatten_fieldsets(part.get_fieldsets(request)))
            fields -= set(part.get_readonly_fields(request))
            if not part.has_change_permission(request):
                fields = set()  # a view-only admin edits nothing (add is checked below)
            assert not fields & CONSENT_FIELDS, (model, part)
            if part.model in CONSENT_MODELS:
                assert not part.has_add_permission(
                    request, *([None] if part is not model_admin else [])
                )
                assert not part.has_change_permission(request)
        if any(field.name in CONSENT_FIELDS for field in model._meta.fields):
            actions = set(model_admin.get_actions(request)) - {"delete_selected"}
            assert not actions, (model, actions)
