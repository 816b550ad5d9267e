"""A fixed population for search tests: each person exercises one way staff search."""

from __future__ import annotations

import datetime

from seekers.models import JobSeeker, OtherName
from tests.factories import JobSeekerFactory

PEOPLE = {
    # key: (first, middle, last, suffix, dob, extra)
    "margaret": ("Margaret", "", "Larsen", "", "1975-03-02",
                 {"ssn": "231-45-6789", "phone": "6125550100",
                  "email": "margaret.larsen@example.com"}),
    "arthur": ("Arthur", "", "Larsen", "Jr.", "1960-11-30", {}),
    "art": ("Art", "", "Larsen", "", "1990-01-15", {}),
    "arnold": ("Arnold", "", "Larson", "", "1971-06-06", {}),
    "theodore": ("Theodore", "", "Nguyen", "", "1982-04-04", {}),
    "robert": ("Robert", "", "Williams", "", "1965-09-09", {}),
    "william": ("William", "Robert", "Brown", "", "1958-02-20", {}),
    "edward": ("Edward", "", "Smith", "", "1979-12-12", {}),
    "mary": ("Mary", "", "Smith", "", "1980-07-15", {"ssn": "245-67-1234"}),
    "maryhyphen": ("Mary", "", "Smith-Jones", "", "1985-05-05", {}),
    "sean": ("Sean", "", "O'Brien", "", "1970-10-10", {}),
    "jose": ("José", "", "Garcia", "", "1992-08-08", {}),
    "catherine": ("Catherine", "", "Johnson", "", "1988-03-03", {}),
    "kathryn": ("Kathryn", "", "Jonson", "", "1989-04-04", {}),
    "elizabeth": ("Elizabeth", "", "Taylor", "", "1962-02-27", {}),
    "christopher": ("Christopher", "", "Lee", "", "1977-07-07", {}),
    "delacruz": ("Maria", "", "De La Cruz", "", "1983-01-01", {}),
    "patricia": ("Patricia", "", "Larsen", "", "1974-04-14",
                 {"ssn": "256-78-4321", "phone": "6515550199", "email": "pat.larsen@example.com",
                  "opted_out": True}),
}  # fmt: skip

OTHER_NAMES = {"elizabeth": ("Elizabeth", "Burton")}


def build_population() -> dict[str, JobSeeker]:
    people = {}
    for key, (first, middle, last, suffix, dob, extra) in PEOPLE.items():
        extra = dict(extra)
        people[key] = JobSeekerFactory(
            first_name=first, middle_name=middle, last_name=last, suffix=suffix,
            date_of_birth=datetime.date.fromisoformat(dob), ssn=extra.pop("ssn", False),
            phone=extra.pop("phone", f"7635550{len(people):03d}"),
            email=extra.pop("email", f"{key}@example.org"), **extra,
        )  # fmt: skip
    for key, (first, last) in OTHER_NAMES.items():
        OtherName.objects.create(seeker=people[key], first_name=first, last_name=last)
    return people
