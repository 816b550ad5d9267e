"""Helpers of the round-trip tests: what a step's page shows, and what a call created."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser

from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client

from registration.constants import CallOutcome
from registration.models import RegistrationCall
from registration.validators import normalize_secret_answer
from seekers.models import JobSeeker
from tests.registration.calls import url

CONTACT_FIELDS = [
    "first_name", "middle_name", "last_name", "suffix", "date_of_birth", "phone", "email",
    "address_line1", "address_line2", "city", "state", "zip_code",
]  # fmt: skip


class _Forms(HTMLParser):
    """The values every POST form of a page would submit as it stands (what staff see)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._post = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            # The step's forms post to the page itself; the header's and "abandon" do not.
            self._post = (a.get("method") or "").lower() == "post" and not a.get("action")
            if self._post:
                self.forms.append({})
            return
        if not self.forms or not self._post:
            return
        fields, name = self.forms[-1], a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio"):
                fields.setdefault(name, [])
                if "checked" in a:
                    fields[name].append(a.get("value") or "on")
            else:
                fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea][0] += data


def shown(html: str) -> dict[str, list[str]]:
    """The step's own form as the page shows it: of its POST forms, the one with most fields."""
    parser = _Forms()
    parser.feed(html)
    form = max(parser.forms, key=len)
    return {name: values for name, values in form.items()
            if name != "csrfmiddlewaretoken" and values}  # fmt: skip


def resave(client: Client, call: RegistrationCall, step: str) -> str:
    """Open a step as a "Change" link does and save it exactly as shown; return where it went."""
    page = client.get(url(step, call))
    assert page.status_code == 200, (step, page.status_code)
    if step == "existing":
        response = client.post(url(step, call), {"confirm_no_match": "1"})
    elif step == "review":
        return url("review", call)
    else:
        response = client.post(url(step, call), shown(page.content.decode()))
    assert response.status_code == 302, (step, response.content.decode()[-3000:])
    return response["Location"]


def snapshot(seeker: JobSeeker, *, password: str, answer: str) -> dict:
    """Everything a registration stores about the seeker, in comparable form."""
    account = seeker.account
    demographics = model_to_dict(seeker.demographics, exclude=["id", "seeker", "updated_at"])
    return {
        **{field: getattr(seeker, field) for field in CONTACT_FIELDS},
        "other_names": sorted((o.first_name, o.last_name) for o in seeker.other_names.all()),
        "ssn": seeker.ssn,
        "ssn_is_pseudo": seeker.ssn_is_pseudo,
        "demographics": demographics,
        "username": account.username,
        "secret_question": account.secret_question,
        "password_checks": check_password(password, account.password),
        "answer_checks": check_password(normalize_secret_answer(answer), account.secret_answer),
        "offices": sorted(seeker.offices.values_list("pk", flat=True)),
        "account_type": seeker.account_type,
    }


class _Undo(Exception):
    pass


@contextmanager
def undone() -> Iterator[None]:
    """Run the block in a savepoint that is rolled back afterwards."""
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


def created_then_undone(client: Client, call: RegistrationCall, **secrets: str) -> dict:
    """Create the account of a call at the review step, snapshot it, then undo the creation
    and set the call aside (abandoned), so a second call may use the same SSN and username."""
    with undone():
        response = client.post(url("review", call))
        assert response["Location"] == url("call", call), response.content.decode()[-2000:]
        call.refresh_from_db()
        assert call.outcome == CallOutcome.CREATED
        result = snapshot(call.seeker, **secrets)
    RegistrationCall.objects.filter(pk=call.pk).update(outcome=CallOutcome.ABANDONED)
    return result
