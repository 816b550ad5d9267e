"""The leak crawl (issues 6 and 14): as each reader of a partner organization (staff, a
supervisor, an administrator), request every URL pattern of the project.

The patterns come from the URL resolver, so a page added later is crawled without
editing this file. Every int path parameter is filled with the ids of opted-out
seekers and with ids of the other objects in the population (calls, letters,
workshops, referrals, services, requests, lookups, notices...); the searches are
posted with many queries. No response (status, headers, redirects, body) may carry
an opted-out seeker's name, other names, id in a URL or form, SSN (masked or not),
phone or email. A control crawl as a state case manager proves the crawl can see them.
Nor may an answer's shape (status, redirects, headers, body with ids written alike)
depend on whether a hidden seeker exists: a hidden seeker's URLs answer like a missing
one's, and pages without parameters answer as before the hidden seekers existed.

What the crawler typed is echoed back on search pages (the box keeps its text), so
each response is checked with the crawler's own query removed first: a leak shows
something the crawler did not type.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import html
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from optout.constants import RequestStatus
from registration.constants import CallOutcome
from registration.models import RegistrationCall
from registration.services import search_redact
from seekers.models import JobSeeker
from services.participation import participation_rebuild
from tests.casework.casefile import crawl as crawl_casefile
from tests.casework.enrollments import crawl as crawl_enrollments
from tests.casework.jobs import crawl as crawl_jobs
from tests.casework.plans import crawl as crawl_plans
from tests.conftest import (
    casemanager_build,
    client_for,
    office_build,
    other_office_build,
    partner_build,
    partner_office_build,
    partner_org_build,
    rows_for_module,
    search,
    state_agency_build,
    supervisor_build,
)
from tests.factories import (
    AccessLogFactory,
    ConfirmationLetterFactory,
    ConsentChangeFactory,
    JobSeekerFactory,
    NoticeFactory,
    OptInRequestFactory,
    OtherNameFactory,
    RegistrationCallFactory,
    SeekerAccountFactory,
    ServiceRecordFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from tests.registration import calls
from workforce.constants import WIOA_ADULT, AccessAction, PrivilegeLevel, Role
from workforce.models import AccessLog, Office, Program, ProgramPrivilege, User
from workforce.urlids import id_encode

# Patterns not crawled, each with its reason; everything else the resolver knows is.
SKIPPED_NAMESPACES = {
    "admin": "Django admin: partner staff are not staff (is_staff=False), it answers the login",
}
SKIPPED_PREFIXES = {
    settings.STATIC_URL.lstrip("/"): "static files: no seeker data, served by the web server",
    (settings.MEDIA_URL or "/media/").lstrip("/"): "media files: none are uploaded",
}
# Crawled with GET, but never POSTed: a POST would end the crawler's own session.
NO_POST = {"logout": "signs the crawler out; its GET is 405 and crawled"}

MAX_COMBINATIONS = 150  # per pattern with several parameters
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
# The session's clock (the idle dialog's end, /session/'s seconds left) depends on when the
# reader signed in and when the page was asked, not on who exists.
SESSION_END = re.compile(r'(?<=data-absolute-end=")\d+|(?<=seconds_left": )\d+')
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|CSRFToken": ")[^"]*')
# The set-up page's new TOTP key (text and QR code) is drawn per session, like a CSRF token.
TOTP_SETUP_KEY = re.compile(r'(?<=id="totp-qr" src=")[^"]*|(?<=id="totp-key">).*?(?=</p>)')
MISSING_ID = 987654


@dataclass
class Hidden:
    """One opted-out seeker and everything about them that must never reach a partner."""

    seeker: JobSeeker
    ssn: str
    other_names: list[tuple[str, str]]
    name_allowed: bool = False  # the partner's own lookup hit names this one (seed step 3)

    def name_tokens(self) -> list[str]:
        tokens = [part for pair in self.other_names for part in pair]
        if not self.name_allowed:
            tokens += [self.seeker.first_name, self.seeker.last_name]
        return tokens

    def needles(self) -> list[str]:
        digits = self.ssn.replace("-", "")
        phone = self.seeker.phone
        return [
            *self.name_tokens(),
            self.seeker.masked_ssn,
            digits,
            f"{digits[:3]}-{digits[3:5]}-{digits[5:]}",
            phone,
            f"({phone[:3]}) {phone[3:6]}-{phone[6:]}",
            f"{phone[:3]}-{phone[3:6]}-{phone[6:]}",
            self.seeker.email,
        ]

    def id_patterns(self, seeker_urls: list[str]) -> list[re.Pattern]:
        """The seeker's id, or its URL token, in a link, a form value or a query string."""
        urls = [re.escape(url) for url in seeker_urls]
        ids = [str(self.seeker.pk), id_encode(self.seeker.pk)]
        return [
            *(re.compile(url) for url in urls),
            *(re.compile(rf"seeker[\w-]*[\"']?\s*(?:value|=)\s*=?\s*[\"']?{i}(?!\w)", re.I)
              for i in ids),
            *(re.compile(rf"value=[\"']{i}[\"'][^>]*name=[\"']seeker", re.I) for i in ids),
        ]  # fmt: skip


@dataclass
class Population:
    hidden: list[Hidden]
    partner: User
    casemanager: User
    ids: dict[str, set[int]]  # path parameter name -> ids of that kind of object
    all_ids: set[int] = field(default_factory=set)
    # The partner organization's readers the crawl runs as: "partner" (staff), a supervisor
    # and an administrator (roles the code allows outside the state agency).
    readers: dict[str, User] = field(default_factory=dict)
    # Ids of objects that belong to an opted-out seeker, by path parameter name: their URLs
    # must answer like the same URL with a missing id.
    hidden_owned: dict[str, set[int]] = field(default_factory=dict)
    # Each reader's answers to the pages without parameters, taken before the opted-out
    # seekers existed: the crawl's answers must have the same shape.
    before: dict[str, dict[tuple[str, str], Shape]] = field(default_factory=dict)

    @property
    def hidden_ids(self) -> list[int]:
        return [h.seeker.pk for h in self.hidden]


@dataclass(frozen=True)
class Shape:
    """What an answer looks like, apart from its words: status, where it redirected,
    the headers that say what it is, and the body (compared after normalising)."""

    status: int
    chain: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    body: str


SHAPE_HEADERS = ["Content-Type", "Cache-Control", "Content-Disposition", "Retry-After", "Allow",
                 "Vary", "HX-Redirect", "HX-Location", "HX-Refresh", "HX-Trigger",
                 "X-Frame-Options", "Content-Security-Policy"]  # fmt: skip


@dataclass
class Visit:
    method: str
    url: str
    status: int
    text: str
    echoes: list[str]
    allowed: tuple[str, ...] = ()  # a lookup hit may name its seeker, last and first name
    shape: Shape | None = None


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)
    patterns: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def urls(self) -> str:
        seen = sorted({f"{v.method} {v.url}" for v in self.visits})
        return f"{len(seen)} distinct requests:\n" + "\n".join(seen)


# --- The population ---------------------------------------------------------------


HIDDEN_PEOPLE = [
    # first, last, ssn, phone, email, other names, dob
    ("Zebulon", "Quillfeather", "231-45-6789", "6125550191", "zquill@example.net",
     [("Zebby", "Quillfeather"), ("Zebulon", "Marrowgate")], datetime.date(1979, 3, 14)),
    ("Marisol", "Thistlewaite", "232-56-7891", "6125550192", "mthistle@example.net",
     [("Marigold", "Thornapple")], datetime.date(1988, 11, 2)),
    ("Octavius", "Brambleton", "233-67-8912", "6125550193", "obramble@example.net",
     [("Tavi", "Brambleton")], datetime.date(1965, 7, 30)),
    # The partner looked this one up (a hit): their name is the one allowed trace.
    ("Philippa", "Wrenhollow", "234-78-9123", "6125550194", "pwren@example.net",
     [("Pippa", "Gorseby")], datetime.date(1992, 1, 9)),
]  # fmt: skip


# Each Case Details area adds the objects a partner made for a seeker before the opt-out.
CASEWORK_AREAS = [crawl_enrollments, crawl_plans, crawl_casefile, crawl_jobs]


def _population(partner: User, casemanager: User, supervisor: User, office: Office) -> Population:
    partner_office = partner.current_office
    other_partner = UserFactory(
        username="otherpartner", role=Role.PARTNER_STAFF, organization=partner.organization,
        current_office=partner_office, offices=[partner_office],
    )  # fmt: skip
    ids: dict[str, set[int]] = {}
    owned: dict[str, set[int]] = {}
    building_hidden = False

    def add(kind: str, *objects: object) -> None:
        ids.setdefault(kind, set()).update(obj.pk for obj in objects)
        if building_hidden and kind not in SHARED_KINDS:
            owned.setdefault(kind, set()).update(obj.pk for obj in objects)

    normal = JobSeekerFactory.create_batch(4, offices=[partner_office, office])
    add("seeker_id", *normal)
    workshop = WorkshopFactory(office=partner_office, created_by=partner)
    past = WorkshopFactory(
        office=partner_office, created_by=partner,
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )  # fmt: skip
    add("workshop_id", workshop, past)
    # The partner's enroll privilege (the enrollments casework needs it) exists before the
    # snapshot, so that the pages compare what the hidden seekers change, nothing else.
    ProgramPrivilege.objects.get_or_create(
        user=partner, program=Program.objects.get(code=WIOA_ADULT),
        defaults={"level": PrivilegeLevel.ENROLL},
    )  # fmt: skip
    readers = {"partner": partner, **partner_readers_build(partner)}
    ids["user_id"] = {user.pk for user in readers.values()}
    before = {name: snapshot(client_for(user), population_stub(ids)) for name, user in
              readers.items()}  # fmt: skip
    hidden: list[Hidden] = []
    building_hidden = True
    for first, last, ssn, phone, email, others, born in HIDDEN_PEOPLE:
        seeker = JobSeekerFactory(
            first_name=first, last_name=last, ssn=ssn, phone=phone, email=email,
            date_of_birth=born, offices=[partner_office, office], created_by=partner,
        )  # fmt: skip
        for other_first, other_last in others:
            OtherNameFactory(seeker=seeker, first_name=other_first, last_name=other_last)
        SeekerAccountFactory(seeker=seeker, username=f"{first}{last}".lower())
        # Before opting out they were served by the partner: services, workshops, a call.
        for days in (40, 10):
            record = ServiceRecordFactory(
                seeker=seeker, credited_staff=partner, recorded_by=partner, office=partner_office,
                service_date=timezone.localdate() - datetime.timedelta(days=days),
            )  # fmt: skip
            add("record_id", record)
        referrals = [
            WorkshopReferralFactory(workshop=workshop, seeker=seeker, referred_by=partner),
            WorkshopReferralFactory(workshop=past, seeker=seeker, referred_by=partner),
        ]
        add("referral_id", *referrals)
        call = RegistrationCallFactory(
            staff=partner, office=partner_office, seeker=seeker,
            outcome=CallOutcome.CREATED, ended_at=timezone.now(),
            draft={"contact": {"first_name": first, "last_name": last}},
        )  # fmt: skip
        add("call_id", call)
        letter = ConfirmationLetterFactory(
            call=call, seeker=seeker, office=partner_office, body=f"Dear {first} {last},"
        )
        add("letter_id", letter)
        found = RegistrationCallFactory(
            staff=partner, office=partner_office, seeker=seeker,
            outcome=CallOutcome.EXISTING_FOUND, ended_at=timezone.now(),
        )  # fmt: skip
        add("call_id", found)
        # Their case file (Case Details): enrollments, plans, notes, documents, resumes, jobs.
        for area in CASEWORK_AREAS:
            area.casework_for_hidden(seeker=seeker, partner=partner, add=add)
        # Then the client asked the state agency not to share their data.
        seeker.opted_out = True
        seeker.save(update_fields=["opted_out"])
        change = ConsentChangeFactory(
            seeker=seeker, opted_out=True, changed_by=casemanager, reason="Client asked."
        )
        add("change_id", change)
        hidden.append(Hidden(seeker=seeker, ssn=ssn, other_names=others))
    participation_rebuild(seeker_ids=[h.seeker.pk for h in hidden])
    add("seeker_id", *(h.seeker for h in hidden))
    building_hidden = False

    # Another partner's lookup hits, requests and notices: none of them are ours to see.
    for item in hidden[:3]:
        lookup = AccessLogFactory(
            user=other_partner, action=AccessAction.OPTOUT_LOOKUP, seeker_id=item.seeker.pk,
            outcome="opted-out record found",
        )  # fmt: skip
        add("lookup_id", lookup)
        optin = OptInRequestFactory(seeker=item.seeker, requested_by=other_partner)
        add("request_id", optin)
        text = f"{item.seeker.full_name}: request filed."
        add("notice_id", NoticeFactory(user=other_partner, request=optin, text=text))
        add("notice_id", NoticeFactory(user=supervisor, request=optin, text=f"Opt in {text}"))
    # The partner's own hit on the fourth seeker: the lookup may name them, nothing more.
    mine = hidden[3]
    mine.name_allowed = True
    lookup = AccessLogFactory(
        user=partner, action=AccessAction.OPTOUT_LOOKUP, seeker_id=mine.seeker.pk,
        outcome="opted-out record found",
    )  # fmt: skip
    add("lookup_id", lookup)
    name = f"{mine.seeker.first_name} {mine.seeker.last_name}"
    open_request = OptInRequestFactory(seeker=mine.seeker, requested_by=partner, client_name=name)
    closed = OptInRequestFactory(
        seeker=mine.seeker, requested_by=partner, client_name=name,
        status=RequestStatus.REMAINS_OPTED_OUT, handled_by=supervisor, decided_at=timezone.now(),
    )  # fmt: skip
    add("request_id", open_request, closed)
    add("notice_id", NoticeFactory(user=partner, request=closed,
                                   text=f"{name} chose to remain opted out."))  # fmt: skip
    add("user_id", partner, other_partner, casemanager, supervisor)
    add("office_id", office, partner_office)
    add("log_id", *AccessLog.objects.all())
    all_ids = set().union(*ids.values())
    return Population(
        hidden=hidden, partner=partner, casemanager=casemanager, ids=ids, all_ids=all_ids,
        readers=readers, hidden_owned=owned, before=before,
    )  # fmt: skip


# Ids handed to URL parameters that are not a seeker's own: programs and job postings are
# shared catalogs, workshops and offices belong to an office, users to themselves, and a
# call to the staff member who made it (its page shows its seeker only through visible_to,
# as it would if the seeker did not exist).
SHARED_KINDS = {"program_id", "posting_id", "workshop_id", "office_id", "user_id", "call_id"}


def partner_readers_build(partner: User) -> dict[str, User]:
    """A supervisor and an administrator of the partner's organization, the latter with the
    Django admin (a superuser): the audit roles, which the code allows outside the state."""
    office = partner.current_office
    common = {"organization": partner.organization, "current_office": office, "offices": [office]}
    return {
        "partner_supervisor": UserFactory(
            username="partnersupervisor", role=Role.SUPERVISOR, **common
        ),
        "partner_admin": UserFactory(
            username="partneradmin", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True,
            **common,
        ),
    }  # fmt: skip


def population_stub(ids: dict[str, set[int]]) -> Population:
    return Population(hidden=[], partner=None, casemanager=None, ids=ids)  # type: ignore[arg-type]


# --- The URL patterns -------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str  # the whole route, "seekers/<seeker:seeker_id>/"
    name: str  # "casework:detail" ("" if unnamed)


def url_patterns() -> tuple[list[Pattern], dict[str, str]]:
    """Every pattern of the project, walked from the root resolver; and those skipped."""
    found: list[Pattern] = []
    skipped: dict[str, str] = {}

    def walk(entries: list, prefix: str, namespaces: list[str]) -> None:
        for entry in entries:
            route = prefix + str(entry.pattern)
            if any(route.startswith(p) for p in SKIPPED_PREFIXES if p):
                skipped[route] = next(r for p, r in SKIPPED_PREFIXES.items() if route.startswith(p))
            elif isinstance(entry, URLResolver):
                if entry.namespace in SKIPPED_NAMESPACES:
                    skipped[route] = SKIPPED_NAMESPACES[entry.namespace]
                    continue
                inner = [*namespaces, entry.namespace] if entry.namespace else namespaces
                walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern):
                name = ":".join([*namespaces, entry.name]) if entry.name else ""
                found.append(Pattern(route=route, name=name))

    walk(get_resolver().url_patterns, "", [])
    return found, skipped


def concrete_fills(pattern: Pattern, population: Population) -> list[tuple[str, tuple]]:
    """The pattern's route with every parameter filled, in every combination worth trying.

    A page of one object of a seeker (`<seeker_id>/.../<plan_id>/`) is tried with the
    opted-out seekers, one visible seeker and a missing one, each against every object
    of that kind (the opted-out seekers' among them) and a missing one. Where that is
    more than MAX_COMBINATIONS, a fixed sample spread over all of them is taken.
    """
    if "^" in pattern.route or "(?" in pattern.route:
        raise AssertionError(f"a regex pattern the crawl cannot fill: {pattern.route}")
    params = list(PARAM.finditer(pattern.route))
    nested = len(params) > 1 and params[0].group("name") == "seeker_id"
    hidden = set(population.hidden_ids)
    choices = []
    for position, param in enumerate(params):
        name, conv = param.group("name"), param.group("conv") or "str"
        if conv not in ("int", "seeker"):
            values = [*map(str, population.hidden_ids), "new", "all", "x"]
        elif nested and position == 0:
            visible = min(population.ids["seeker_id"] - hidden)
            values = sorted(hidden | {visible, MISSING_ID})
        elif nested and name in population.ids:
            values = sorted(population.ids[name] | {MISSING_ID})
        else:
            typed = population.ids.get(name, population.all_ids)
            values = sorted(hidden | typed | {MISSING_ID})
        # The seeker converter carries ids as tokens (workforce.urlids): the same ids, encoded.
        choices.append([id_encode(v) if conv == "seeker" else str(v) for v in values])
    combinations = list(itertools.product(*choices))
    if len(combinations) > MAX_COMBINATIONS:
        sample = random.Random(pattern.route).sample(range(len(combinations)), MAX_COMBINATIONS)
        combinations = [combinations[i] for i in sorted(sample)]
    names = [param.group("name") for param in params]
    return [(fill(pattern, combination), tuple(zip(names, combination, strict=True)))
            for combination in combinations]  # fmt: skip


def fill(pattern: Pattern, values: tuple[str, ...]) -> str:
    route = pattern.route
    for param, value in zip(PARAM.finditer(pattern.route), values, strict=True):
        route = route.replace(param.group(0), value, 1)
    return "/" + route


def concrete_urls(pattern: Pattern, population: Population) -> list[str]:
    return [url for url, _ in concrete_fills(pattern, population)]


# --- Requests and checks ----------------------------------------------------------


def _body(response: object) -> str:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return body.decode("utf-8", "replace")


def _text(response: object, body: str) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    chain = "\n".join(url for url, _ in getattr(response, "redirect_chain", []))
    return f"{response.status_code}\n{headers}\n{chain}\n{body}"


def shape_of(response: object, body: str) -> Shape:
    return Shape(
        status=response.status_code,
        chain=tuple(url for url, _ in getattr(response, "redirect_chain", [])),
        headers=tuple((n, response[n]) for n in SHAPE_HEADERS if response.has_header(n)),
        body=TOTP_SETUP_KEY.sub("", SESSION_END.sub("", CSRF.sub("", body))),
    )


def _request(crawl: Crawl, client: Client, method: str, url: str, data: dict | None = None,
             echoes: list[str] | None = None, allowed: tuple[str, ...] = (),
             **headers: str) -> Visit:  # fmt: skip
    call = client.post if method == "POST" else client.get
    response = call(url, data or {}, follow=True, headers=headers)
    label = method + (" htmx" if headers else "")
    body = _body(response)
    visit = Visit(label, url, response.status_code, _text(response, body), echoes or [], allowed,
                  shape_of(response, body))  # fmt: skip
    if response.status_code >= 500:
        crawl.errors.append(f"{visit.method} {url} {data or ''} -> {response.status_code}")
    crawl.visits.append(visit)
    return visit


def find_leaks(visit: Visit, population: Population, seeker_urls: dict[int, list[str]]) -> list:
    """What the response shows of an opted-out seeker beyond what the crawler typed."""
    text = visit.text.lower()
    for echo in sorted(visit.echoes, key=len, reverse=True):
        for form in {echo, html.escape(echo), html.escape(echo, quote=False)}:
            text = text.replace(form.lower(), " ")
    leaks = []
    for hidden in population.hidden:
        for needle in [n for n in hidden.needles() if n not in visit.allowed]:
            # Whole words: "Tavi" is a nickname, and also inside "Octavius". (The plain
            # `in` first only saves time: the word search runs where the text has it.)
            word = needle.lower()
            if needle and word in text and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                leaks.append((visit.method, visit.url, visit.status, needle))
        if str(hidden.seeker.pk) not in text and id_encode(hidden.seeker.pk) not in text:
            continue  # every id pattern has the id's digits or its URL token in it
        for pattern in hidden.id_patterns(seeker_urls[hidden.seeker.pk]):
            if match := pattern.search(text):
                leaks.append((visit.method, visit.url, visit.status, match.group(0)))
    return leaks


def search_queries(hidden: Hidden) -> list[str]:
    """Every way staff might type an opted-out seeker into a search box."""
    s = hidden.seeker
    first, last, born, phone = s.first_name, s.last_name, s.date_of_birth, s.phone
    digits = hidden.ssn.replace("-", "")
    queries = [
        f"{first} {last}", f"{last}, {first}", f"{last} {first}", last, last.lower(),
        last.upper(), first, last[:5], f"{last[:5]}*", f"{first[:3]}* {last[:4]}*",
        f"{last[:4]}%", last[:-2] + last[-1], f"{first} {last[:-1]}", f"{first[0]} {last}",
        f"{born:%m/%d/%Y}", f"{born:%Y-%m-%d}", f"{born.month}/{born.day}/{born.year}",
        f"{last} {born:%m/%d/%Y}", hidden.ssn, digits, digits[-4:], f"***-**-{digits[-4:]}",
        phone, f"({phone[:3]}) {phone[3:6]}-{phone[6:]}", phone[-4:], s.email,
        s.email.split("@")[0], str(s.pk), f"#{s.pk}",
    ]  # fmt: skip
    for other_first, other_last in hidden.other_names:
        queries += [f"{other_first} {other_last}", other_first, f"{other_last}, {other_first}"]
    return queries


def crawl_as(client: Client, population: Population, *, nested: bool = True,
             searches: bool = True) -> Crawl:  # fmt: skip
    """GET every pattern (plain, htmx, with report parameters), then POST every pattern
    once, and post the searches with every query. The GETs come first, so they see the
    population as it was built (a POST may start a call or mark notices read).
    `nested=False` leaves out the pages of one object of a seeker
    (`<seeker_id>/plans/<plan_id>/`); `searches=False` posts each search query in one scope
    only and leaves out the registration walks."""
    crawl = Crawl()
    patterns, crawl.skipped = url_patterns()
    if not nested:
        patterns = [p for p in patterns if len(PARAM.findall(p.route)) < 2]
    name_query = f"{population.hidden[0].seeker.first_name} {population.hidden[0].seeker.last_name}"
    for pattern in patterns:
        crawl.patterns.add(pattern.route)
        for url in concrete_urls(pattern, population):
            for _, full, headers in get_variants(url, pattern):
                _request(crawl, client, "GET", full, **headers)
    for pattern in patterns:
        if pattern.name.split(":")[-1] in NO_POST:
            crawl.skipped[pattern.route + " (POST)"] = NO_POST[pattern.name.split(":")[-1]]
            continue
        for i, url in enumerate(concrete_urls(pattern, population)):
            seeker_id = population.hidden_ids[i % len(population.hidden_ids)]
            data = {"q": name_query, "seeker": id_encode(seeker_id), "seeker_id": seeker_id}
            # A form shown again keeps the id the crawler typed ("No job seeker has the id").
            typed = [name_query, *(f'name="{n}" value="{v}"' for n, v in data.items())]
            _request(crawl, client, "POST", url, data, echoes=typed)
    _crawl_searches(crawl, client, population, scopes=3 if searches else 1)
    _crawl_lookups(crawl, client, population)
    if searches:
        _crawl_registration_search(crawl, client, population)
        _crawl_registration_wizard(crawl, client, population)
    return crawl


def get_variants(url: str, pattern: Pattern) -> list[tuple[str, str, dict[str, str]]]:
    """The GETs of one URL: plain, as htmx, and (reports and lists) with report parameters."""
    today = timezone.localdate()
    report_query = (f"?format=csv&year={today.year - 1}&quarter=1&office=&page=1"
                    f"&start={today.replace(day=1):%Y-%m-%d}&end={today:%Y-%m-%d}")  # fmt: skip
    variants = [("GET", url, {}), ("GET htmx", url, {"HX_Request": "true"})]
    if "<seeker:seeker_id>" not in pattern.route:
        variants.append(("GET", url + report_query, {}))
    return variants


def _crawl_searches(crawl: Crawl, client: Client, population: Population, *, scopes: int = 3
                    ) -> None:  # fmt: skip
    for hidden in population.hidden:
        for query in search_queries(hidden):
            for extra in ({"scope": "all"}, {"scope": "office"}, {"widen": "on"})[:scopes]:
                data = {"q": query, **extra}
                _request(crawl, client, "POST", "/seekers/search/", data, echoes=[query])
                _request(crawl, client, "POST", "/seekers/search/live/", data, echoes=[query],
                         HX_Request="true")  # fmt: skip


def _crawl_lookups(crawl: Crawl, client: Client, population: Population) -> None:
    """The Opt-Out Lookup may name the seeker it finds (last and first name), nothing more."""
    url = reverse("optout:lookup")
    for hidden in population.hidden:
        digits = hidden.ssn.replace("-", "")
        name = (hidden.seeker.first_name, hidden.seeker.last_name)
        for typed in (hidden.ssn, digits, f"{digits[:3]} {digits[3:5]} {digits[5:]}"):
            _request(crawl, client, "POST", url, {"ssn": typed}, echoes=[typed], allowed=name)
            _request(crawl, client, "POST", url, {"ssn": typed}, echoes=[typed], allowed=name,
                     HX_Request="true")  # fmt: skip


def _crawl_registration_search(crawl: Crawl, client: Client, population: Population) -> None:
    """The existing-account step of a new phone registration: search, then pick by id."""
    response = client.post("/registration/new/", follow=True)
    if response.status_code != 200 or not response.redirect_chain:
        crawl.errors.append(f"could not start a phone registration: {response.status_code}")
        return
    step = response.redirect_chain[-1][0]
    typed: list[str] = []  # the step lists every search tried on the call
    for hidden in population.hidden:
        for query in search_queries(hidden):
            typed += [query, search_redact(query)]  # the list shows SSNs masked
            _request(crawl, client, "POST", step, {"q": query}, echoes=list(typed))
        _request(
            crawl, client, "POST", step, {"seeker": id_encode(hidden.seeker.pk)}, echoes=list(typed)
        )
        _request(crawl, client, "GET", step, echoes=list(typed))


def _crawl_registration_wizard(crawl: Crawl, client: Client, population: Population) -> None:
    """Register each opted-out seeker again, as a partner would who cannot find them: the
    SSN and username clashes may say an account exists, never whose."""
    for hidden in population.hidden:
        s = hidden.seeker
        response = client.post("/registration/new/")
        if response.status_code != 302:
            crawl.errors.append(f"could not start a phone registration: {response.status_code}")
            return
        step = response["Location"].rsplit("/", 2)[0]  # /registration/<id>
        contact = {"first_name": s.first_name, "last_name": s.last_name, "email": s.email,
                   "date_of_birth": f"{s.date_of_birth:%m/%d/%Y}"}  # fmt: skip
        credentials = {**calls.CREDENTIALS, "username": s.account.username}
        typed = [*contact.values(), s.account.username, hidden.ssn, search_redact(hidden.ssn)]
        search = [("existing-account", {"q": "Nobody Like-Them"}), ("existing-account", {})]
        for name, data in [
            *search, ("notice", {"read_aloud": "on"}), ("questions", calls.YES),
            ("contact", contact), ("ssn", {"choice": "real", "ssn": hidden.ssn}),
            *search, ("ssn", {"choice": "generate"}), ("credentials", credentials),
            ("credentials", {**credentials, "username": f"caller{s.pk}x"}),
            ("demographics", calls.DEMOGRAPHICS), ("review", {}),
        ]:  # fmt: skip
            _request(crawl, client, "POST", f"{step}/{name}/", data, echoes=typed)
        call = RegistrationCall.objects.get(pk=step.rsplit("/", 1)[1])
        if call.outcome != CallOutcome.CREATED:  # the walk must reach every step
            crawl.errors.append(f"the registration walk stopped: {call.outcome} {call.draft}")


# --- Shapes: a hidden seeker's answers look like a missing one's -----------------------

# Pages whose answer is not compared with and without the opted-out seekers, with the reason.
NOT_COMPARED = {
    "audit-changes": "lists changes to records about no seeker made while the opted-out seekers' "
    "casework was built (job postings, a privilege); tests/security/test_audit_visibility.py "
    "compares it row by row",
    "account-sessions": "lists the reader's own sessions (the snapshot's browser and the "
    "crawl's are two, with their times); about no seeker; tests/workforce/test_session_list.py "
    "checks that nobody else's is ever listed",
}
# Pages about the partner's own Opt-Out Lookup hit (their request and its notice): the one
# trace seed 002 allows (step 3, last and first name), so they differ for the partner.
OWN_HIT_PAGES = {"optout:notices", "optout:my-requests"}
NOTICE_BADGE = re.compile(
    r'Notices <span class="usa-tag">\d+</span><span class="usa-sr-only"> unread</span>'
)


def snapshot(client: Client, population: Population) -> dict[tuple[str, str], Shape]:
    """The reader's answers to every page without parameters, as the crawl will ask them."""
    client.raise_request_exception = False
    shapes = {}
    for pattern in url_patterns()[0]:
        if PARAM.search(pattern.route) or pattern.name in NOT_COMPARED:
            continue
        for label, url, headers in get_variants("/" + pattern.route, pattern):
            response = client.get(url, follow=True, headers=headers)
            shapes[(label, url)] = shape_of(response, _body(response))
    return shapes


def _without_own_hit(shape: Shape) -> Shape:
    return Shape(shape.status, shape.chain, shape.headers, NOTICE_BADGE.sub("Notices", shape.body))


def differences_from_before(crawl: Crawl, population: Population, reader: str) -> list[str]:
    """Pages without parameters: the same answer as before the opted-out seekers existed."""
    now = {}
    for visit in crawl.visits:
        now.setdefault((visit.method, visit.url), visit.shape)
    names = {"/" + p.route: p.name for p in url_patterns()[0]}
    found = []
    for (label, url), before in population.before[reader].items():
        if reader == "partner" and names.get(url.split("?")[0]) in OWN_HIT_PAGES:
            continue
        after = now.get((label, url))
        if after is None:
            found.append(f"{label} {url}: not crawled")
        elif _without_own_hit(after) != _without_own_hit(before):
            found.append(f"{label} {url}: {_shape_diff(before, after)}")
    return found


def _shape_diff(a: Shape, b: Shape) -> str:
    if (a.status, a.chain, a.headers) != (b.status, b.chain, b.headers):
        return f"{(a.status, a.chain, a.headers)} != {(b.status, b.chain, b.headers)}"
    lines = difflib.unified_diff(a.body.splitlines(), b.body.splitlines(), lineterm="", n=1)
    return f"bodies differ ({len(a.body)} vs {len(b.body)} chars):\n" + "\n".join(list(lines)[:12])


def _id_free(shape: Shape, ids: set[str]) -> Shape:
    """The shape with the given ids (in paths and form values) written as <id>."""
    pattern = re.compile(
        r"(?<=/)(?:" + "|".join(map(re.escape, ids)) + r")(?=[/?#\"'\s]|$)"
        r"|(?<=value=\")(?:" + "|".join(map(re.escape, ids)) + r")(?=\")"
    )  # fmt: skip
    return Shape(
        shape.status,
        tuple(pattern.sub("<id>", url) for url in shape.chain),
        tuple((name, pattern.sub("<id>", value)) for name, value in shape.headers),
        pattern.sub("<id>", shape.body),
    )


def differences_from_missing(crawl: Crawl, population: Population, nested: bool) -> list[str]:
    """Every crawled URL that names an opted-out seeker, or an object of one, in some position
    answers as the same URL with a missing id in that position: same status, redirects,
    headers and body (ids aside)."""
    visits = {}
    for visit in crawl.visits:
        visits.setdefault((visit.method, visit.url), visit)
    # Seeker ids travel as tokens (workforce.urlids); the objects' ids as plain numbers.
    hidden_seekers = {id_encode(pk) for pk in population.hidden_ids}
    missing = {"seeker_id": id_encode(MISSING_ID)}
    ids = {*hidden_seekers, str(MISSING_ID), id_encode(MISSING_ID)}
    found, compared = [], 0
    for pattern in url_patterns()[0]:
        if not nested and len(PARAM.findall(pattern.route)) > 1:
            continue
        for url, fills in concrete_fills(pattern, population):
            for position, (name, value) in enumerate(fills):
                owned = hidden_seekers if name == "seeker_id" else {
                    str(pk) for pk in population.hidden_owned.get(name, ())}  # fmt: skip
                if value not in owned:
                    continue
                values = [v for _, v in fills]
                values[position] = missing.get(name, str(MISSING_ID))
                twin = fill(pattern, tuple(values))
                for method in ("GET", "GET htmx", "POST"):
                    mine, other = visits.get((method, url)), visits.get((method, twin))
                    if mine is None or other is None:
                        continue
                    compared += 1
                    a, b = (_id_free(v.shape, ids | {value}) for v in (mine, other))
                    if a != b:
                        found.append(f"{method} {url} vs {twin}: {_shape_diff(a, b)}")
    assert compared > 100, compared  # the comparison is not vacuous
    return found


def seeker_url_map(population: Population) -> dict[int, list[str]]:
    """Every URL of the project that names a seeker id, for each opted-out seeker."""
    routes = {"seekers/<seeker:seeker_id>/", *(p.route for p in seeker_patterns())}
    return {
        pk: [f"/{route.replace('<seeker:seeker_id>', id_encode(pk))}" for route in sorted(routes)]
        for pk in population.hidden_ids
    }


def _seeker_url(pattern: Pattern, pk: int) -> str:
    return "/" + pattern.route.replace("<seeker:seeker_id>", id_encode(pk))


def seeker_patterns() -> list[Pattern]:
    """The patterns whose only parameter is a seeker id."""
    patterns, _ = url_patterns()
    return [p for p in patterns if [m.group(0) for m in PARAM.finditer(p.route)] == [
        "<seeker:seeker_id>"]]  # fmt: skip


# --- The tests --------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _crawl_settings(settings: object) -> None:
    settings.OPTOUT_LOOKUPS_PER_HOUR = 1000  # the crawl looks up every opted-out SSN
    # The registration walks set passwords; a fast hasher, as in tests/registration.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _population_build() -> Population:
    """The named staff (as tests/conftest.py makes them) and the population around them."""
    state_agency, partner_org = state_agency_build(), partner_org_build()
    office, other_office = office_build(state_agency), other_office_build(state_agency)
    partner = partner_build(partner_org, partner_office_build(partner_org))
    casemanager = casemanager_build(state_agency, office, other_office)
    return _population(partner, casemanager, supervisor_build(state_agency, office), office)


@pytest.fixture(scope="module")
def _module_population(django_db_setup: None, django_db_blocker: object) -> Iterator[Population]:
    """Built once for the module: every test only reads it, and what a crawl writes (its
    POSTs, the registrations it walks) is rolled back after that test."""
    with rows_for_module(django_db_blocker, _population_build) as population:
        yield population


@pytest.fixture
def population(_module_population: Population, db: None) -> Population:
    return copy.deepcopy(_module_population)


# Partner staff get the whole crawl; the organization's supervisor and administrator (the
# audit roles) get every pattern too, with each search query posted in one scope and no
# registration walks (those pages answer by visible_to alone, which the role does not change).
READERS = {"partner": True, "partner_supervisor": False, "partner_admin": False}


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_it_shows_partner_readers_nothing_of_opted_out_seekers_anywhere(
    population: Population, reader: str
) -> None:
    """No leak in any answer, and the answers' shapes do not depend on whether a hidden
    seeker exists: a hidden seeker's (or their object's) URL answers like a missing one's,
    and the pages without parameters answer as they did before the hidden seekers existed."""
    client = client_for(population.readers[reader])
    client.raise_request_exception = False
    crawl = crawl_as(client, population, searches=READERS[reader])
    urls = seeker_url_map(population)
    leaks = [leak for visit in crawl.visits for leak in find_leaks(visit, population, urls)]
    shown = "\n".join(f"{m} {u} [{s}]: {n!r}" for m, u, s, n in sorted(set(leaks)))
    assert not leaks, f"opted-out seekers leak to {reader}:\n{shown}\n\n{crawl.urls()}"
    assert not crawl.errors, "server errors in the crawl:\n" + "\n".join(crawl.errors)
    unlike_missing = differences_from_missing(crawl, population, nested=True)
    assert not unlike_missing, "\n\n".join(unlike_missing[:20])
    unlike_before = differences_from_before(crawl, population, reader)
    assert not unlike_before, "\n\n".join(unlike_before[:20])
    # The lookups did find each of them (so their pages were checked for more than a name).
    if reader == "partner":
        for hidden in population.hidden:
            hits = [v for v in crawl.visits if v.allowed and hidden.seeker.last_name in v.text]
            assert hits, f"no lookup found {hidden.seeker.last_name}"


@pytest.mark.django_db
def test_it_crawls_every_pattern_of_the_project(population: Population) -> None:
    patterns, skipped = url_patterns()
    names = {p.name for p in patterns}
    assert len({p.route for p in patterns}) >= 40, sorted(p.route for p in patterns)
    # The crawl is not blind: it reaches the pages that list, search and show seekers.
    must = {"casework:home", "seekers:search", "seekers:search-live", "casework:detail",
            "registration:existing", "reports:reports-pirl", "services:workshop"}  # fmt: skip
    assert must <= names
    assert set(skipped.values()) <= {*SKIPPED_NAMESPACES.values(), *SKIPPED_PREFIXES.values()}
    # Every id parameter is tried with the opted-out seekers' ids (seeker ids as tokens).
    detail = next(p for p in patterns if p.name == "casework:detail")
    filled = concrete_urls(detail, population)
    assert {f"/seekers/{id_encode(pk)}/" for pk in population.hidden_ids} <= set(filled)


@pytest.mark.django_db
def test_it_answers_an_opted_out_seekers_urls_like_a_seeker_that_does_not_exist(
    population: Population,
) -> None:
    client = client_for(population.partner)
    patterns = seeker_patterns()
    assert {p.name for p in patterns} >= {"casework:detail", "services:record"}
    for pattern in patterns:
        for method in ("get", "post"):
            missing = getattr(client, method)(_seeker_url(pattern, MISSING_ID))
            for pk in population.hidden_ids:
                url = _seeker_url(pattern, pk)
                response = getattr(client, method)(url)
                assert response.status_code == missing.status_code, (method, url)
                if pattern.name == "casework:detail" and method == "get":
                    assert response.status_code == 404
                    same = CSRF.sub("", response.content.decode())
                    assert same == CSRF.sub("", missing.content.decode())


@pytest.mark.django_db
def test_the_same_crawl_finds_opted_out_seekers_as_state_staff(population: Population) -> None:
    """The control: state-agency staff do see them, so the crawl can see what it looks for.

    The pages of one seeker and the searches are enough to show that; the pages of their
    plans, enrollments and files (nested routes) are left out to keep the run short.
    """
    client = client_for(population.casemanager)
    client.raise_request_exception = False
    crawl = crawl_as(client, population, nested=False)
    urls = seeker_url_map(population)
    seen = {needle for visit in crawl.visits for *_, needle in find_leaks(visit, population, urls)}
    for hidden in population.hidden:
        s = hidden.seeker
        if not hidden.name_allowed:
            assert s.first_name in seen and s.last_name in seen, (s.full_name, sorted(seen))
        assert s.masked_ssn in seen or s.email in seen, (s.full_name, sorted(seen))
        assert any(f"/seekers/{id_encode(s.pk)}/" in needle for needle in seen), (
            s.pk,
            sorted(seen),
        )


NOBODY = {"name": "Yolanda Zzyzxwood", "last": "Zzyzxwood", "email": "nobody@example.net"}


def _normalized(response: object, typed: str) -> str:
    text = CSRF.sub("", response.content.decode())
    text = re.sub(r"qt=[\w%.:-]+", "qt=", text)
    for form in {typed, html.escape(typed)}:
        text = re.sub(re.escape(form), "<typed>", text, flags=re.I)
    return text


@pytest.mark.django_db
def test_it_answers_a_search_for_an_opted_out_seeker_like_one_for_nobody(
    population: Population,
) -> None:
    """Not even a count or a "did you mean" betrays that someone matched and was hidden."""
    client = client_for(population.partner)
    for hidden in population.hidden:
        s = hidden.seeker
        pairs = [(f"{s.first_name} {s.last_name}", NOBODY["name"]),
                 (s.last_name, NOBODY["last"]), (s.email, NOBODY["email"])]  # fmt: skip
        for query, nobody in pairs:
            for live in (False, True):
                answers = [search(client, typed, "all", live=live) for typed in (query, nobody)]
                assert answers[0].status_code == answers[1].status_code
                assert _normalized(answers[0], query) == _normalized(answers[1], nobody), query
