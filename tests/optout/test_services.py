"""The opt-out's write rules (seed 002), through the services the views call."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from optout import services
from optout.constants import RequestStatus
from optout.models import ConsentChange, Notice
from seekers.models import JobSeeker
from tests.factories import JobSeekerFactory
from workforce.models import AccessLog, OutboxEmail, User

pytestmark = pytest.mark.django_db
SSN = "231-45-6789"


def lookup(actor: User, ssn: str = SSN) -> services.LookupResult:
    return services.optout_lookup(request=RequestFactory().post("/"), actor=actor, ssn=ssn)


def test_opting_out_writes_the_history_and_hides_the_seeker_from_partners(
    casemanager: User, partner: User
) -> None:
    seeker = JobSeekerFactory()
    change = services.consent_set(
        seeker=seeker, opted_out=True, actor=casemanager, channel="phone",
        reason="  Does not want  partners to see ",
    )  # fmt: skip
    assert (change.changed_by, change.reason) == (casemanager, "Does not want partners to see")
    assert not JobSeeker.objects.visible_to(partner).filter(pk=seeker.pk).exists()


def test_only_a_supervisor_opts_a_client_back_in(casemanager: User, supervisor: User) -> None:
    seeker = JobSeekerFactory(opted_out=True)
    with pytest.raises(PermissionDenied):
        services.consent_set(seeker=seeker, opted_out=False, actor=casemanager,
                             channel="phone", reason="Asked to share")  # fmt: skip
    services.consent_set(seeker=seeker, opted_out=False, actor=supervisor,
                         channel="phone", reason="Asked to share")  # fmt: skip
    seeker.refresh_from_db()
    assert not seeker.opted_out


def test_partner_staff_never_change_the_choice(partner: User) -> None:
    with pytest.raises(PermissionDenied):
        services.consent_set(seeker=JobSeekerFactory(), opted_out=True, actor=partner,
                             channel="phone", reason="x")  # fmt: skip
    assert not ConsentChange.objects.exists()


def test_a_reason_is_required_and_nothing_is_written_without_one(casemanager: User) -> None:
    seeker = JobSeekerFactory()
    with pytest.raises(ValidationError) as info:
        services.consent_set(seeker=seeker, opted_out=True, actor=casemanager,
                             channel="phone", reason="   ")  # fmt: skip
    assert "reason" in info.value.message_dict
    seeker.refresh_from_db()
    assert not seeker.opted_out and not ConsentChange.objects.exists()


def test_a_lookup_names_only_an_opted_out_seeker_and_logs_without_the_ssn(partner: User) -> None:
    opted = JobSeekerFactory(ssn=SSN, opted_out=True)
    JobSeekerFactory(ssn="231-45-6790")
    assert lookup(partner).seeker == opted
    assert not lookup(partner, "231-45-6790").found  # shares data: not an opted-out record
    rows = list(AccessLog.objects.order_by("pk").values("seeker_id", "outcome"))
    assert rows == [
        {"seeker_id": opted.pk, "outcome": "opted-out record found"},
        {"seeker_id": None, "outcome": "no opted-out record"},
    ]


def test_the_lookup_limit_counts_the_last_hour(partner: User, settings: object) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = 3
    for _ in range(3):
        lookup(partner)
    with pytest.raises(services.LookupLimitReached):
        lookup(partner)
    assert AccessLog.objects.filter(user=partner).count() == 3


def test_a_request_notifies_the_supervisors_and_the_decision_the_partner(
    partner: User, supervisor: User
) -> None:
    seeker = JobSeekerFactory(ssn=SSN, opted_out=True)
    lookup(partner)
    hit = services.lookup_hit_get(actor=partner, lookup_id=AccessLog.objects.get().pk)
    optin = services.optin_request_file(lookup=hit, actor=partner, client_name="Ann  Doe",
                                        client_phone="6125550142", reason="Wants WIOA")  # fmt: skip
    assert optin.seeker == seeker and optin.client_name == "Ann Doe"
    assert Notice.objects.filter(user=supervisor, request=optin).exists()
    assert OutboxEmail.objects.filter(to=supervisor.email).exists()
    with pytest.raises(ValidationError):  # one open request per client and staff member
        services.optin_request_file(lookup=hit, actor=partner, client_name="Ann Doe",
                                    client_phone="6125550142", reason="Again")  # fmt: skip
    services.optin_request_decide(optin=optin, actor=supervisor, opt_in=True,
                                  note="Client agreed on the phone")  # fmt: skip
    optin.refresh_from_db()
    seeker.refresh_from_db()
    assert optin.status == RequestStatus.OPTED_IN and not seeker.opted_out
    assert JobSeeker.objects.visible_to(partner).filter(pk=seeker.pk).exists()
    assert Notice.objects.filter(user=partner, request=optin).exists()
    assert OutboxEmail.objects.filter(to=partner.email).exists()
    assert ConsentChange.objects.get(seeker=seeker).request == optin


def test_someone_elses_lookup_cannot_be_used(partner: User, casemanager: User) -> None:
    JobSeekerFactory(ssn=SSN, opted_out=True)
    lookup(partner)
    with pytest.raises(PermissionDenied):
        services.lookup_hit_get(actor=casemanager, lookup_id=AccessLog.objects.get().pk)


def test_a_client_name_with_braces_does_not_break_the_decision(
    partner: User, supervisor: User
) -> None:
    JobSeekerFactory(ssn=SSN, opted_out=True)
    lookup(partner)
    hit = services.lookup_hit_get(actor=partner, lookup_id=AccessLog.objects.get().pk)
    optin = services.optin_request_file(lookup=hit, actor=partner, client_name="Ana {x}",
                                        client_phone="6125550142", reason="Wants WIOA")  # fmt: skip
    services.optin_request_decide(optin=optin, actor=supervisor, opt_in=False, note="Stays out")
    assert Notice.objects.get(user=partner).text.startswith("Ana {x} chose to remain opted out")
