"""The client address comes only from headers our own proxies write (ASVS 5.0 4.1.3, 15.3.4).

`client_ip` feeds the access log and django-axes' per-address lock-out, so a caller who
could choose it could hide from the log or lock out a whole call centre's address. Each
trusted proxy appends the address it saw to `X-Forwarded-For`; whatever the client sent
stands to the left of those hops and is never believed.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import JobSeekerFactory
from workforce.audit import client_ip
from workforce.models import AccessLog, User

REMOTE = "10.0.0.5"  # the proxy's own address, as the app sees the connection


def _ip(forwarded: str | None, *, proxies: int) -> str | None:
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR=REMOTE, **headers)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        return client_ip(request)


def test_without_a_trusted_proxy_the_header_is_ignored() -> None:
    assert _ip("203.0.113.9", proxies=0) == REMOTE
    assert _ip(None, proxies=0) == REMOTE


def test_one_proxy_believes_only_the_hop_it_appended() -> None:
    assert _ip("203.0.113.9", proxies=1) == "203.0.113.9"
    # The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the real address.
    assert _ip("198.51.100.1, 203.0.113.9", proxies=1) == "203.0.113.9"


def test_two_proxies_count_two_hops_from_the_right() -> None:
    assert _ip("198.51.100.1, 203.0.113.9, 10.0.0.7", proxies=2) == "203.0.113.9"
    assert _ip("2001:db8::1, 10.0.0.7", proxies=2) == "2001:db8::1"


MALFORMED = ["", " , ", "10.0.0.7", "not-an-address, 10.0.0.7", "203.0.113.9:443, 10.0.0.7",
             "<script>, 10.0.0.7"]  # fmt: skip


@pytest.mark.parametrize("forwarded", MALFORMED)
def test_missing_short_or_malformed_hops_fall_back_to_the_connection(forwarded: str) -> None:
    assert _ip(forwarded, proxies=2) == REMOTE


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_access_log_records_the_address_the_proxy_saw(casemanager: User) -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    client = client_for(casemanager)
    client.defaults.update(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]))
    assert response.status_code == 200
    row = AccessLog.objects.filter(seeker_id=seeker.pk).latest("pk")
    assert str(row.ip_address) == "203.0.113.9"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_malformed_hop_never_fails_a_logged_read(casemanager: User) -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    client = client_for(casemanager)
    client.defaults.update(HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.5")
    response = client.post(reverse("casework:reveal-ssn", args=[seeker.pk]))
    assert response.status_code == 200
    assert str(AccessLog.objects.filter(seeker_id=seeker.pk).latest("pk").ip_address) == REMOTE
