"""SSNs are encrypted at rest, found through the blind index, unique in the database, rotatable."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from seekers.models import JobSeeker, ssn_blind_index
from tests.factories import JobSeekerFactory
from workforce import crypto

pytestmark = pytest.mark.django_db


def raw_column(seeker: JobSeeker, column: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM seekers_jobseeker WHERE id = %s", [seeker.pk])
        return cursor.fetchone()[0]


def test_it_stores_the_ssn_as_ciphertext_not_plaintext() -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    stored = raw_column(seeker, "ssn")
    assert stored and "231456789" not in stored and "6789" not in stored
    assert crypto.decrypt(stored) == "231456789"
    assert JobSeeker.objects.get(pk=seeker.pk).ssn == "231456789"


def test_it_keeps_the_last_four_for_masked_display() -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    assert seeker.masked_ssn == "***-**-6789"


def test_it_finds_exactly_one_seeker_by_blind_index_in_any_formatting() -> None:
    wanted = JobSeekerFactory(ssn="231-45-6789")
    JobSeekerFactory.create_batch(5)
    for typed in ["231-45-6789", "231456789", " 231 45 6789 "]:
        found = JobSeeker.objects.filter(ssn_index=ssn_blind_index(typed))
        assert list(found) == [wanted]


def test_it_refuses_lookups_on_the_ciphertext_column() -> None:
    with pytest.raises(FieldError):
        list(JobSeeker.objects.filter(ssn="231456789"))


def test_the_blind_index_depends_on_the_hmac_key() -> None:
    before = ssn_blind_index("231456789")
    with override_settings(PII_HMAC_KEY="another-key"):
        assert ssn_blind_index("231456789") != before


def test_the_database_rejects_a_duplicate_ssn() -> None:
    JobSeekerFactory(ssn="231-45-6789")
    twin = JobSeekerFactory.build()
    twin.set_ssn("231456789")
    # Straight to the database, past any form check.
    with pytest.raises(IntegrityError), transaction.atomic():
        JobSeeker.objects.bulk_create([twin])


def test_the_database_rejects_an_ssn_without_its_index() -> None:
    seeker = JobSeekerFactory(ssn=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobSeeker.objects.filter(pk=seeker.pk).update(ssn="231456789")


def test_key_rotation_keeps_every_value_readable() -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(PII_ENCRYPTION_KEYS=[old_key]):
        seekers = [JobSeekerFactory(ssn=f"2{i:02d}-45-67{i:02d}") for i in range(1, 12)]
        JobSeekerFactory(ssn=False)
    with override_settings(PII_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_pii_keys", stdout=StringIO())
    with override_settings(PII_ENCRYPTION_KEYS=[new_key]):
        for i, seeker in enumerate(seekers, start=1):
            assert JobSeeker.objects.get(pk=seeker.pk).ssn == f"2{i:02d}4567{i:02d}"
    with override_settings(PII_ENCRYPTION_KEYS=[old_key]), pytest.raises(ImproperlyConfigured):
        JobSeeker.objects.get(pk=seekers[0].pk)


def test_rotation_rebuilds_blind_indexes_under_a_new_hmac_key() -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    with override_settings(PII_HMAC_KEY="rotated-hmac-key"):
        call_command("rotate_pii_keys", stdout=StringIO())
        assert JobSeeker.objects.get(ssn_index=ssn_blind_index("231456789")) == seeker


def test_a_value_under_an_unknown_key_fails_without_echoing_it() -> None:
    seeker = JobSeekerFactory(ssn="231-45-6789")
    stored = raw_column(seeker, "ssn")
    other_key = Fernet.generate_key().decode()
    with (
        override_settings(PII_ENCRYPTION_KEYS=[other_key]),
        pytest.raises(ImproperlyConfigured) as raised,
    ):
        JobSeeker.objects.get(pk=seeker.pk)
    assert stored not in str(raised.value) and "231456789" not in str(raised.value)


def _pg_dump() -> str:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_dump"),
        key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
        reverse=True,
    )
    found = candidates[0] if candidates else shutil.which("pg_dump")
    if not found:
        pytest.fail("pg_dump not found: install PostgreSQL's client programs")
    return found


def database_dump() -> str:
    """The test database as `pg_dump` writes it: what a leaked backup would hold."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = [_pg_dump(), "--no-owner", "--dbname", db["NAME"],
            "--username", db["USER"] or "postgres"]  # fmt: skip
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    return subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_of_the_database_holds_no_ssn_in_plaintext() -> None:
    ssns = [f"{300 + i:03d}-{20 + i:02d}-{4000 + i:04d}" for i in range(20)]
    for ssn in ssns:
        JobSeekerFactory(ssn=ssn)
    dump = database_dump()
    assert "COPY public.seekers_jobseeker" in dump
    for ssn in ssns:
        assert ssn not in dump
        assert ssn.replace("-", "") not in dump
