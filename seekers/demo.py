"""Synthetic demo data: organizations, offices, one user per role, and a seeker population.

Everything here is made up by Faker and `random`; no real person's data. The
population is written with PostgreSQL COPY in batches (names drawn with the
frequencies of Faker's US name lists, SSNs encrypted batch by batch), so that
`seed_demo --seekers 1000000` finishes in minutes on two cores.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from faker.providers.person.en_US import Provider as UsNames
from nicknames import NickNamer

from seekers.constants import AccountType
from seekers.models import ELIGIBILITY_QUESTIONS, Demographics, JobSeeker, ssn_blind_index
from workforce import crypto
from workforce.constants import OrganizationKind, PrivilegeLevel, Role
from workforce.models import Office, Organization, Program, ProgramPrivilege, User
from workforce.services import programs_ensure_defaults

DEMO_PASSWORD = "workforce-demo"  # noqa: S105 (documented demo password, demo data only)
BATCH_SIZE = 20_000

STATE_AGENCY = "Department of Employment and Economic Development"
PARTNER = "Riverbend Workforce Development Council"
# Name, street, city, ZIP and phone of each office: synthetic, in the 555-01xx range.
STATE_OFFICES = [
    ("North Metro American Job Center", "1201 89th Avenue NE", "Blaine", "55434", "763-555-0100"),
    ("Southeast American Job Center", "2070 College View Road East", "Rochester", "55904",
     "507-555-0100"),
]  # fmt: skip
PARTNER_OFFICE = ("Riverbend Partner Office", "12 Civic Center Plaza", "Mankato", "56001",
                  "507-555-0150")  # fmt: skip
# Whom partner staff contact about a client who opted out (seed 002 step 4).
OPTOUT_CONTACT = ("Pat Lindqvist, State WIOA Supervisor", "wioa.supervisor@example.gov",
                  "651-555-0199")  # fmt: skip


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    partner: bool
    offices: tuple[int, ...]  # indexes into the office list: 0, 1 state; 2 partner
    programs: tuple[str, ...]


DEMO_USERS = [
    DemoUser("casemanager", "Casey", "Manning", Role.CASE_MANAGER, False, (0, 1),
             ("wioa-adult", "wioa-dislocated-worker", "wioa-youth", "wagner-peyser")),
    DemoUser("partner", "Pat", "Rivers", Role.PARTNER_STAFF, True, (2,),
             ("wioa-adult", "wioa-dislocated-worker", "wioa-youth")),
    DemoUser("dvop", "Dana", "Vickers", Role.DVOP, False, (0,), ("jvsg", "wagner-peyser")),
    DemoUser("supervisor", "Sam", "Superior", Role.SUPERVISOR, False, (0, 1), ()),
    DemoUser("admin", "Alex", "Adams", Role.ADMINISTRATOR, False, (0,), ()),
]  # fmt: skip


# Named people to try the search grammar on (README, "Try the search"); everyone else is random.
# (first, middle, last, date of birth, SSN or "", phone, opted out, office index)
DEMO_PEOPLE = [
    ("Margaret", "", "Larsen", "1975-03-02", "123-45-6789", "6125550100", False, 0),
    ("Arthur", "James", "Larsen", "1961-07-19", "234-51-8790", "6515550123", False, 0),
    ("Art", "", "Larsen", "1990-01-15", "", "7635550134", False, 1),
    ("Margaret", "Ann", "Smith", "1975-03-02", "345-62-6789", "9525550145", False, 0),
    ("Theodore", "", "Nguyen", "1982-04-04", "456-73-9012", "5075550156", False, 2),
    ("Patricia", "", "Larsen", "1974-04-14", "567-84-0123", "6125550167", True, 0),
]


# Their registration answers, so Case Details shows each kind of eligibility result: Margaret
# Larsen is eligible for WIOA Adult and Dislocated Worker, Arthur James Larsen (a veteran
# with a low income) for JVSG; Art Larsen's staff-only answers were never asked.
_ASKED = {"ethnicity": "not_hispanic", "races": ["white"], "disability": "no",
          "education": "high_school", "right_to_work": "yes", "tanf": "no", "snap": "no",
          "ex_offender": "no", "homeless": "no"}  # fmt: skip
DEMO_ANSWERS = [
    _ASKED | {"gender": "female", "veteran_status": "not_veteran",
              "employment_status": "unemployed",
              "low_income": "yes", "ui_claimant": "yes", "laid_off": "yes",
              "unlikely_to_return": "yes", "selective_service": "not_required", "in_school": "no",
              "taa_certified": "no", "resea_selected": "no"},
    _ASKED | {"gender": "male", "veteran_status": "veteran", "employment_status": "unemployed",
              "low_income": "yes", "ui_claimant": "no", "laid_off": "no",
              "selective_service": "registered", "long_term_unemployed": "yes"},
    {"gender": "male", "veteran_status": "not_veteran", "employment_status": "employed"},
    _ASKED | {"gender": "female", "veteran_status": "eligible_spouse", "low_income": "no",
              "employment_status": "employed", "selective_service": "not_required"},
    _ASKED | {"gender": "male", "veteran_status": "not_veteran", "employment_status": "unemployed",
              "selective_service": "registered", "ui_claimant": "yes", "resea_selected": "yes"},
    _ASKED | {"gender": "female", "veteran_status": "not_veteran", "low_income": "yes",
              "selective_service": "not_required"},
]  # fmt: skip


def demo_people_create(*, offices: list[Office], creator: User) -> list[JobSeeker]:
    """The named demo people, created one by one through the model (a handful of rows)."""
    people = []
    for first, middle, last, dob, ssn, phone, opted_out, office in DEMO_PEOPLE:
        seeker = JobSeeker(
            first_name=first, middle_name=middle, last_name=last,
            date_of_birth=date.fromisoformat(dob), phone=phone,
            email=f"{first}.{last}@example.com".lower(), city="Saint Paul", state="MN",
            address_line1="100 Demo Street", zip_code="55101", opted_out=opted_out,
            created_by=creator,
        )  # fmt: skip
        seeker.set_ssn(ssn or None)
        seeker.save()
        seeker.offices.set([offices[office]])
        Demographics.objects.create(seeker=seeker, **DEMO_ANSWERS[len(people)])
        people.append(seeker)
    return people


def demo_exists() -> bool:
    return Organization.objects.filter(name=STATE_AGENCY).exists()


@transaction.atomic
def demo_staff_create() -> tuple[list[Office], list[User]]:
    """The two organizations, three offices and one user per role."""
    state = Organization.objects.create(name=STATE_AGENCY, kind=OrganizationKind.STATE_AGENCY)
    contact_name, contact_email, contact_phone = OPTOUT_CONTACT
    partner = Organization.objects.create(
        name=PARTNER, kind=OrganizationKind.PARTNER, optout_contact_name=contact_name,
        optout_contact_email=contact_email, optout_contact_phone=contact_phone,
    )  # fmt: skip
    offices = [
        Office.objects.create(
            organization=org,
            name=name,
            address_line1=street,
            city=city,
            state="MN",
            zip_code=zip_code,
            phone=phone,
        )
        for org, (name, street, city, zip_code, phone) in [
            *((state, spec) for spec in STATE_OFFICES),
            (partner, PARTNER_OFFICE),
        ]
    ]
    programs_ensure_defaults()
    programs = {p.code: p for p in Program.objects.all()}
    password = make_password(DEMO_PASSWORD)
    users = []
    for spec in DEMO_USERS:
        mine = [offices[i] for i in spec.offices]
        user = User.objects.create(
            username=spec.username, first_name=spec.first_name, last_name=spec.last_name,
            email=f"{spec.username}@example.org", password=password, role=spec.role,
            organization=partner if spec.partner else state, current_office=mine[0],
            is_staff=spec.role == Role.ADMINISTRATOR, is_superuser=spec.role == Role.ADMINISTRATOR,
        )  # fmt: skip
        user.offices.set(mine)
        ProgramPrivilege.objects.bulk_create(
            ProgramPrivilege(user=user, program=programs[code], level=PrivilegeLevel.ENROLL)
            for code in spec.programs
        )
        users.append(user)
    return offices, users


class PopulationMaker:
    """Draws seekers with realistic name frequencies; deterministic for a given seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        female, male = UsNames.first_names_female, UsNames.first_names_male
        self.female_names, self.female_weights = list(female), list(female.values())
        self.male_names, self.male_weights = list(male), list(male.values())
        self.last_names = list(UsNames.last_names)
        self.last_weights = list(UsNames.last_names.values())
        self.nicknamer = NickNamer()
        self.id_span = (0, 1)  # (first id, count) of the population being made
        self.nickname_cache: dict[str, list[str]] = {}
        # Pools: Faker is slow per call, so addresses and streets come from a drawn pool.
        self.cities = [(self.fake.city(), self.fake.zipcode()) for _ in range(400)]
        self.streets = [self.fake.street_address() for _ in range(5000)]
        self.used_ssns: set[str] = set()
        # Blind indexes already in the database, when adding to an existing population.
        self.taken_indexes: set[str] = set()

    def nickname(self, first: str) -> str | None:
        if first not in self.nickname_cache:
            found = sorted(self.nicknamer.nicknames_of(first.lower()))
            self.nickname_cache[first] = [n.capitalize() for n in found if len(n) > 1]
        options = self.nickname_cache[first]
        return self.rng.choice(options) if options else None

    def ssn(self, pseudo: bool) -> str:
        while True:
            if pseudo:
                digits = f"9{self.rng.randint(0, 99_999_999):08d}"
            else:
                area = self.rng.randint(1, 899)
                if area == 666:
                    continue
                digits = f"{area:03d}{self.rng.randint(1, 99):02d}{self.rng.randint(1, 9999):04d}"
            if digits in self.used_ssns:
                continue
            self.used_ssns.add(digits)
            if not self.taken_indexes or ssn_blind_index(digits) not in self.taken_indexes:
                return digits


def _minutes_before_now(id_span: tuple[int, int], seeker_id: int) -> int:
    first, count = id_span
    return 3 * 365 * 24 * 60 * (count - (seeker_id - first)) // count


def _dob(rng: random.Random, today: date) -> date:
    return today - timedelta(days=rng.randint(16 * 365, 75 * 365))


def population_create(
    *, count: int, offices: list[Office], creators: list[User], seed: int = 2026,
    progress: Callable[[int], None] | None = None,
) -> int:  # fmt: skip
    """COPY `count` synthetic seekers, their offices and other names, in batches."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('seekers_jobseeker', 'id'))")
        first_id = cursor.fetchone()[0]
    maker = PopulationMaker(seed + first_id)
    maker.id_span = (first_id, count)
    if JobSeeker.objects.exists():
        existing = JobSeeker.objects.exclude(ssn_index=None).values_list("ssn_index", flat=True)
        maker.taken_indexes = set(existing.iterator(chunk_size=50_000))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('seekers_jobseeker', 'id'), %s)",
            [first_id + count],
        )
    done = 0
    for start in range(0, count, BATCH_SIZE):
        size = min(BATCH_SIZE, count - start)
        rows, office_rows, name_rows, demographic_rows = _batch(
            maker, first_id + start, size, offices, creators
        )
        with transaction.atomic(), connection.cursor() as cursor:
            _copy(cursor, "seekers_jobseeker", SEEKER_COLUMNS, rows)
            _copy(cursor, "seekers_jobseeker_offices", ("jobseeker_id", "office_id"), office_rows)
            _copy(cursor, "seekers_othername", ("seeker_id", "first_name", "last_name"), name_rows)
            _copy(cursor, "seekers_demographics", DEMOGRAPHIC_COLUMNS, demographic_rows)
        done += size
        if progress:
            progress(done)
    with connection.cursor() as cursor:
        for table in ("seekers_jobseeker", "seekers_jobseeker_offices", "seekers_othername",
                      "seekers_demographics", "seekers_nameterm"):  # fmt: skip
            cursor.execute(f"ANALYZE {table}")
    return done


SEEKER_COLUMNS = (
    "id", "first_name", "middle_name", "last_name", "suffix", "date_of_birth", "ssn", "ssn_index",
    "ssn_last4", "ssn_is_pseudo", "phone", "email", "address_line1", "address_line2", "city",
    "state", "zip_code", "account_type", "opted_out", "created_by_id", "created_at", "updated_at",
)  # fmt: skip


def _batch(
    maker: PopulationMaker, first_id: int, size: int, offices: list[Office], creators: list[User]
) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    rng = maker.rng
    today = timezone.localdate()
    now = timezone.now()
    # First and middle names of one gender, each with its US frequency.
    female = [rng.random() < 0.5 for _ in range(size)]
    names_f = rng.choices(maker.female_names, maker.female_weights, k=2 * size)
    names_m = rng.choices(maker.male_names, maker.male_weights, k=2 * size)
    firsts = [names_f[i] if female[i] else names_m[i] for i in range(size)]
    middles = [names_f[size + i] if female[i] else names_m[size + i] for i in range(size)]
    lasts = rng.choices(maker.last_names, maker.last_weights, k=size)
    rows, office_rows, name_rows, demographic_rows = [], [], [], []
    for i in range(size):
        seeker_id = first_id + i
        first, last = firsts[i], lasts[i]
        roll = rng.random()
        ssn = None if roll < 0.08 else maker.ssn(pseudo=roll < 0.12)
        city, zip_code = rng.choice(maker.cities)
        # Registered over three years in id order, as a live system hands out ids (Home
        # lists an office's newest seekers by id).
        created = now - timedelta(minutes=_minutes_before_now(maker.id_span, seeker_id))
        self_service = rng.random() < 0.35
        rows.append((
            seeker_id, first, middles[i] if rng.random() < 0.4 else "", last,
            rng.choice(("Jr.", "Sr.", "III")) if rng.random() < 0.02 else "",
            _dob(rng, today),
            crypto.encrypt(ssn) if ssn else None, ssn_blind_index(ssn) if ssn else None,
            ssn[-4:] if ssn else "", bool(ssn and ssn.startswith("9")),
            f"{rng.choice((612, 651, 763, 952, 507, 218, 320))}555{rng.randint(0, 9999):04d}",
            f"{first}.{last}{seeker_id}@example.com".lower() if rng.random() < 0.8 else "",
            rng.choice(maker.streets), "", city, "MN", zip_code,
            AccountType.SELF_SERVICE if self_service else AccountType.STAFF_ASSISTED,
            rng.random() < 0.04,
            None if self_service else rng.choice(creators).pk, created, created,
        ))  # fmt: skip
        home = rng.randrange(len(offices))
        office_rows.append((seeker_id, offices[home].pk))
        if rng.random() < 0.1:  # some seekers are enrolled in a second office
            office_rows.append((seeker_id, offices[(home + 1) % len(offices)].pk))
        other = rng.random()
        if other < 0.12:
            nickname = maker.nickname(first)
            if nickname:
                name_rows.append((seeker_id, nickname, last))
        elif other < 0.17:
            name_rows.append(
                (seeker_id, first, rng.choices(maker.last_names, maker.last_weights)[0])
            )
        if rng.random() < 0.6:  # most have answered the registration questions
            demographic_rows.append(
                _demographics(rng, seeker_id, female[i], now, staff_assisted=not self_service)
            )
    return rows, office_rows, name_rows, demographic_rows


DEMOGRAPHIC_COLUMNS = (
    "seeker_id", "gender", "ethnicity", "races", "veteran_status", "disability", "education",
    "employment_status", "ui_claimant", "low_income", "ex_offender", "tanf", "snap",
    "homeless", "english_learner", "single_parent", "long_term_unemployed",
    "displaced_homemaker", "updated_at", *ELIGIBILITY_QUESTIONS,
)  # fmt: skip


def _demographics(rng: random.Random, seeker_id: int, female: bool, now: object,
                  staff_assisted: bool = True) -> tuple:  # fmt: skip
    """Answers drawn with rough US shares; about one in twenty declines each question."""

    def pick(options: list[str], weights: list[float]) -> str:
        return (
            "declined"
            if rng.random() < 0.05 and "declined" in options
            else rng.choices(options, weights)[0]
        )

    race = rng.choices(["white", "black", "asian", "american_indian", "pacific_islander"],
                       [0.75, 0.13, 0.06, 0.02, 0.01])[0]  # fmt: skip
    return (
        seeker_id, "female" if female else "male",
        pick(["hispanic", "not_hispanic", "declined"], [0.19, 0.81, 0]),
        [race] if rng.random() > 0.03 else ["declined"],
        pick(["not_veteran", "veteran", "eligible_spouse", "declined"], [0.9, 0.08, 0.02, 0]),
        pick(["no", "yes", "declined"], [0.87, 0.13, 0]),
        rng.choices(["some_high_school", "high_school", "some_college", "associate", "bachelor",
                     "graduate"], [0.1, 0.3, 0.2, 0.1, 0.2, 0.1])[0],
        rng.choices(["unemployed", "employed", "employed_notice"], [0.7, 0.25, 0.05])[0],
        pick(["yes", "no", "declined"], [0.4, 0.6, 0]),
        pick(["yes", "no", "declined"], [0.3, 0.7, 0]),
        pick(["yes", "no", "declined"], [0.08, 0.92, 0]),
        pick(["yes", "no", "declined"], [0.03, 0.97, 0]),  # TANF
        pick(["yes", "no", "declined"], [0.12, 0.88, 0]),  # SNAP
        # The staff-only questions: a self-service seeker was never asked them (blank).
        *((pick(["yes", "no", "declined"], [share, 1 - share, 0]) if staff_assisted else "")
          for share in (0.02, 0.05, 0.08, 0.15, 0.01)),
        now,
        *_eligibility_answers(rng, female, asked=staff_assisted and rng.random() < 0.6),
    )  # fmt: skip


def _eligibility_answers(rng: random.Random, female: bool, *, asked: bool) -> tuple:
    """The staff-only eligibility questions (ELIGIBILITY_QUESTIONS order); blank if never asked."""
    if not asked:
        return ("",) * len(ELIGIBILITY_QUESTIONS)

    def yes(share: float) -> str:
        return "yes" if rng.random() < share else "no"

    service = "not_required" if female else rng.choices(["registered", "not_registered"], [9, 1])[0]
    return ("yes", service, yes(0.3), yes(0.5), yes(0.02), yes(0.1), yes(0.08), yes(0.01),
            yes(0.1), yes(0.03), yes(0.1))  # fmt: skip


def _copy(cursor: object, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
