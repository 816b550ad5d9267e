"""Synthetic demo employers and job postings (`manage.py seed_jobs`).

The employers are made up by Faker (company names, contacts at example.com, 555-01xx
phone numbers) and placed in Minnesota cities; the postings are written from a fixed
list of common occupations with their real O*NET-SOC codes and titles, so a search by
code or occupation finds them. Same seed, same data (dates count back from today).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from seekers.constants import PostingStatus
from seekers.models import Employer, JobPosting

DEFAULT_EMPLOYERS = 25
DEFAULT_POSTINGS = 120
CLOSED_SHARE = 0.15

MINNESOTA_CITIES = [
    "Minneapolis", "Saint Paul", "Rochester", "Duluth", "Bloomington", "Brooklyn Park",
    "Plymouth", "St. Cloud", "Woodbury", "Eagan", "Maple Grove", "Eden Prairie", "Coon Rapids",
    "Burnsville", "Blaine", "Lakeville", "Minnetonka", "Mankato", "Moorhead", "Winona",
    "Owatonna", "Bemidji", "Willmar", "Brainerd", "Red Wing", "Faribault", "Hibbing",
]  # fmt: skip


@dataclass(frozen=True)
class Occupation:
    """A real O*NET-SOC occupation and what its postings say (duties, needs, pay range)."""

    code: str
    title: str
    job_titles: tuple[str, ...]
    duties: tuple[str, ...]
    requirements: tuple[str, ...]
    pay: tuple[int, int]  # dollars an hour, or a year when `yearly`
    yearly: bool = False


OCCUPATIONS = [
    Occupation("43-4051.00", "Customer Service Representatives",
               ("Customer Service Representative", "Call Center Representative",
                "Customer Support Specialist"),
               ("answer customer calls, chats and emails about orders and accounts",
                "resolve billing questions and process returns",
                "record each contact accurately in the customer database",
                "escalate complaints to a supervisor when needed"),
               ("high school diploma or GED", "clear speaking and typing at 35 words a minute",
                "patience and a friendly manner on the phone"), (17, 22)),
    Occupation("53-3032.00", "Heavy and Tractor-Trailer Truck Drivers",
               ("CDL-A Truck Driver", "Regional Tractor-Trailer Driver", "OTR Truck Driver"),
               ("drive a tractor-trailer on regional routes across the Upper Midwest",
                "inspect the truck and trailer before and after each trip",
                "keep electronic logs within hours-of-service rules",
                "secure loads and deliver freight on schedule"),
               ("valid Class A commercial driver's license", "clean driving record",
                "DOT medical card"), (26, 34)),
    Occupation("29-1141.00", "Registered Nurses",
               ("Registered Nurse", "RN - Medical/Surgical", "Charge Nurse"),
               ("assess patients and carry out care plans", "give medications and treatments",
                "teach patients and families about recovery at home",
                "work with physicians and therapists on the care team"),
               ("current Minnesota RN license", "BLS certification",
                "one year of acute care experience preferred"), (38, 52)),
    Occupation("35-2014.00", "Cooks, Restaurant",
               ("Line Cook", "Prep Cook", "Grill Cook"),
               ("prepare menu items to recipe and plating standards",
                "set up and stock the line before service",
                "keep the kitchen clean and follow food safety rules",
                "help receive and rotate deliveries"),
               ("kitchen experience helpful, will train", "food handler card within 30 days",
                "able to stand for a full shift"), (16, 20)),
    Occupation("15-1252.00", "Software Developers",
               ("Software Developer", "Web Application Developer", "Backend Engineer"),
               ("design, build and test web applications",
                "review code and write automated tests",
                "work with product staff to turn needs into features",
                "support and improve systems in production"),
               ("experience with Python, Java or C#", "knowledge of SQL databases",
                "degree in computer science or equal experience"), (85000, 125000), True),
    Occupation("47-2031.00", "Carpenters",
               ("Carpenter", "Framing Carpenter", "Finish Carpenter"),
               ("frame walls, floors and roofs from blueprints",
                "install doors, windows, trim and cabinets",
                "measure, cut and fasten lumber with hand and power tools",
                "follow job site safety rules"),
               ("two years of carpentry experience or apprenticeship",
                "own basic hand tools", "valid driver's license"), (24, 36)),
    Occupation("41-2031.00", "Retail Salespersons",
               ("Retail Sales Associate", "Sales Floor Associate", "Store Associate"),
               ("help customers find products and answer their questions",
                "keep shelves stocked and the sales floor neat",
                "run the register and process returns",
                "set up displays and price changes"),
               ("friendly and reliable", "weekend and evening availability",
                "no experience needed, paid training"), (15, 18)),
    Occupation("11-9111.00", "Medical and Health Services Managers",
               ("Clinic Manager", "Health Services Manager", "Practice Administrator"),
               ("lead daily clinic operations and a team of 20 staff",
                "manage budgets, schedules and staffing",
                "keep the clinic in line with health care regulations",
                "improve patient access and satisfaction"),
               ("bachelor's degree in health administration or related field",
                "three years of supervisory experience in health care"), (90000, 120000),
               True),
    Occupation("53-7062.00", "Laborers and Freight, Stock, and Material Movers, Hand",
               ("Warehouse Associate", "Material Handler", "Loader/Unloader"),
               ("load and unload trucks by hand and with pallet jacks",
                "pick and pack orders accurately",
                "move stock to its place in the warehouse",
                "keep aisles and docks clean and safe"),
               ("able to lift 50 pounds", "steel-toe shoes", "no experience needed"), (18, 22)),
    Occupation("31-1131.00", "Nursing Assistants",
               ("Certified Nursing Assistant", "CNA - Long Term Care", "Nursing Assistant"),
               ("help residents with bathing, dressing and meals",
                "take and record vital signs", "help residents move safely",
                "report changes in a resident's condition to the nurse"),
               ("Minnesota nursing assistant registry listing", "caring and dependable",
                "will pay for CNA training for new hires"), (18, 23)),
    Occupation("43-6014.00",
               "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
               ("Administrative Assistant", "Office Assistant", "Front Desk Coordinator"),
               ("answer phones and greet visitors", "schedule meetings and keep calendars",
                "prepare letters, reports and spreadsheets", "order office supplies"),
               ("high school diploma or GED", "Microsoft Office skills",
                "one year of office experience"), (19, 24)),
    Occupation("41-2011.00", "Cashiers",
               ("Cashier", "Front End Cashier", "Customer Service Cashier"),
               ("ring up purchases and handle cash and card payments",
                "greet customers and answer questions", "bag groceries and keep lanes clean"),
               ("able to count change accurately", "friendly attitude",
                "flexible schedule"), (15, 17)),
    Occupation("49-3023.00", "Automotive Service Technicians and Mechanics",
               ("Automotive Technician", "Auto Mechanic", "Lube Technician"),
               ("diagnose and repair cars and light trucks",
                "perform oil changes, brake jobs and tire service",
                "use scan tools to find engine and electrical problems",
                "explain needed repairs to service advisors"),
               ("own tools", "ASE certification preferred", "valid driver's license"),
               (22, 35)),
    Occupation("47-2111.00", "Electricians",
               ("Journeyman Electrician", "Apprentice Electrician", "Commercial Electrician"),
               ("install and repair wiring, panels and fixtures",
                "read blueprints and follow the electrical code",
                "test circuits and troubleshoot faults", "work safely on commercial job sites"),
               ("Minnesota journeyworker or apprentice electrician license",
                "valid driver's license"), (28, 45)),
    Occupation("51-4121.00", "Welders, Cutters, Solderers, and Brazers",
               ("MIG Welder", "Production Welder", "Fabrication Welder"),
               ("weld steel parts with MIG and flux-core processes",
                "read blueprints and weld symbols", "inspect welds for quality",
                "set up and maintain welding equipment"),
               ("welding certificate or one year of experience", "able to pass a weld test"),
               (21, 29)),
    Occupation("43-3031.00", "Bookkeeping, Accounting, and Auditing Clerks",
               ("Bookkeeper", "Accounts Payable Clerk", "Accounting Clerk"),
               ("enter invoices and match them to purchase orders",
                "reconcile bank and credit card statements",
                "prepare reports for the accountant", "answer vendor questions"),
               ("two years of bookkeeping experience", "QuickBooks or similar software",
                "attention to detail"), (21, 27)),
    Occupation("35-3023.00", "Fast Food and Counter Workers",
               ("Crew Member", "Counter Attendant", "Barista"),
               ("take orders and handle payments", "prepare food and drinks to standard",
                "keep the dining room and counter clean"),
               ("no experience needed", "able to work early mornings or evenings"), (15, 17)),
    Occupation("37-2011.00", "Janitors and Cleaners, Except Maids and Housekeeping Cleaners",
               ("Custodian", "Janitor", "Building Cleaner"),
               ("clean offices, restrooms and common areas", "empty trash and recycling",
                "operate floor scrubbers and buffers", "report repairs needed"),
               ("dependable and able to work independently", "pass a background check"),
               (16, 20)),
    Occupation("53-7051.00", "Industrial Truck and Tractor Operators",
               ("Forklift Operator", "Reach Truck Operator", "Warehouse Equipment Operator"),
               ("move pallets with sit-down and reach forklifts",
                "load trailers and stage outbound orders",
                "inspect equipment at the start of each shift"),
               ("forklift experience, certification provided",
                "able to work second or third shift"), (20, 24)),
    Occupation("29-2061.00", "Licensed Practical and Licensed Vocational Nurses",
               ("Licensed Practical Nurse", "LPN - Clinic", "LPN - Long Term Care"),
               ("give medications and treatments as ordered",
                "monitor residents and report changes", "supervise nursing assistants"),
               ("current Minnesota LPN license", "CPR certification"), (27, 33)),
    Occupation("13-2011.00", "Accountants and Auditors",
               ("Staff Accountant", "Senior Accountant", "Internal Auditor"),
               ("prepare month-end close and financial statements",
                "reconcile general ledger accounts", "support audits and tax filings"),
               ("bachelor's degree in accounting", "CPA or progress toward one a plus"),
               (62000, 85000), True),
    Occupation("15-1232.00", "Computer User Support Specialists",
               ("IT Help Desk Technician", "Desktop Support Specialist", "IT Support Analyst"),
               ("answer help desk tickets by phone and in person",
                "set up laptops, printers and accounts",
                "troubleshoot Windows and Microsoft 365 problems"),
               ("CompTIA A+ or one year of help desk experience", "clear communication"),
               (22, 29)),
    Occupation("31-1122.00", "Personal Care Aides",
               ("Personal Care Assistant", "Home Care Aide", "PCA"),
               ("help clients with daily living at home", "prepare meals and do light housekeeping",
                "go with clients to appointments"),
               ("pass a background study", "reliable transportation",
                "PCA training provided"), (16, 19)),
    Occupation("51-2092.00", "Team Assemblers",
               ("Assembler", "Production Associate", "Assembly Line Worker"),
               ("assemble products on a moving line using hand and power tools",
                "check parts and finished products for defects",
                "keep the work area clean and safe"),
               ("able to stand for a full shift", "no experience needed"), (18, 22)),
    Occupation("49-9071.00", "Maintenance and Repair Workers, General",
               ("Maintenance Technician", "Building Maintenance Worker", "Facilities Technician"),
               ("repair plumbing, electrical and HVAC equipment",
                "do preventive maintenance on buildings and machines",
                "respond to work orders from tenants and staff"),
               ("two years of maintenance experience", "own basic tools"), (23, 30)),
]  # fmt: skip

SCHEDULES = [
    "Full time, Monday to Friday, day shift.",
    "Full time, four 10-hour shifts a week.",
    "Full time, second shift (2:30 PM to 11 PM).",
    "Part time, 20 to 30 hours a week, flexible schedule.",
    "Full time, rotating weekends.",
    "Full time, overnight shift with a shift differential.",
]
BENEFITS = [
    "health, dental and vision insurance", "a 401(k) plan with a company match",
    "paid time off from your first day", "tuition help", "paid holidays",
    "an employee discount", "a sign-on bonus after 90 days",
]  # fmt: skip


def jobs_demo_exists() -> bool:
    return JobPosting.objects.exists()


@transaction.atomic
def jobs_demo_create(*, postings: int = DEFAULT_POSTINGS, employers: int = DEFAULT_EMPLOYERS,
                     seed: int = 2026, today: datetime.date | None = None
                     ) -> tuple[int, int]:  # fmt: skip
    """Create synthetic employers and postings; return (employers, postings) created."""
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 (demo data, not security)
    fake = Faker("en_US")
    fake.seed_instance(seed)
    made = Employer.objects.bulk_create([_employer(fake, rng, n) for n in range(max(1, employers))])
    rows = [_posting(rng, made, OCCUPATIONS[n % len(OCCUPATIONS)], today) for n in range(postings)]
    for row in rows:
        row.full_clean(exclude=["employer"])  # the O*NET-SOC code validator, the choices
    JobPosting.objects.bulk_create(rows)
    return len(made), len(rows)


def _employer(fake: Faker, rng: random.Random, n: int) -> Employer:
    name = fake.unique.company()
    return Employer(
        name=name, city=rng.choice(MINNESOTA_CITIES), state="MN",
        contact_name=fake.name(),
        contact_email=f"hiring@{slugify(name)[:40].strip('-') or 'employer'}.example.com",
        contact_phone=f"612-555-{100 + n % 100:04d}",  # 555-0100 to 0199: fictional numbers
    )  # fmt: skip


def _posting(rng: random.Random, employers: list[Employer], occupation: Occupation,
             today: datetime.date) -> JobPosting:  # fmt: skip
    employer = rng.choice(employers)
    title = rng.choice(occupation.job_titles)
    city = employer.city if rng.random() < 0.7 else rng.choice(MINNESOTA_CITIES)
    closed = rng.random() < CLOSED_SHARE
    posted_on = today - datetime.timedelta(
        days=rng.randint(35, 120) if closed else rng.randint(0, 30)
    )
    closes_on = posted_on + datetime.timedelta(days=30) if closed or rng.random() < 0.6 else None
    return JobPosting(
        employer=employer, title=title, occupation_code=occupation.code,
        occupation_title=occupation.title, city=city, state="MN",
        description=_description(rng, employer, occupation, title, city),
        wage=_wage(rng, occupation), posted_on=posted_on, closes_on=closes_on,
        status=PostingStatus.CLOSED if closed else PostingStatus.OPEN,
    )  # fmt: skip


def _wage(rng: random.Random, occupation: Occupation) -> str:
    low, high = occupation.pay
    start = rng.randint(low, max(low, high - (high - low) // 3))
    if occupation.yearly:
        start -= start % 1000
        return f"${start:,} to ${min(high, start + rng.randint(5, 20) * 1000):,} a year"
    return f"${start} to ${min(high, start + rng.randint(2, 6))} an hour"


def _description(rng: random.Random, employer: Employer, occupation: Occupation, title: str,
                 city: str) -> str:  # fmt: skip
    duties = rng.sample(occupation.duties, k=min(3, len(occupation.duties)))
    benefits = rng.sample(BENEFITS, k=3)
    return "\n\n".join([
        f"{employer.name} is hiring: {title} in {city}, Minnesota.",
        "What you will do: " + "; ".join(duties) + ".",
        "What you need: " + "; ".join(occupation.requirements) + ".",
        rng.choice(SCHEDULES),
        f"We offer {benefits[0]}, {benefits[1]} and {benefits[2]}.",
    ])  # fmt: skip
