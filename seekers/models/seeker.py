"""Job seekers: identity, contact, SSN (encrypted), other names used, demographics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Func, GeneratedField, Q
from django.db.models.functions import Lower

from seekers import ssn as ssn_rules
from seekers.constants import (
    AccountType,
    Disability,
    Education,
    EmploymentStatus,
    Ethnicity,
    Gender,
    Race,
    SelectiveService,
    VeteranStatus,
    YesNoDeclined,
)
from workforce import crypto
from workforce.fields import EncryptedTextField
from workforce.models import Office
from workforce.urlids import id_encode

if TYPE_CHECKING:
    from workforce.models import User

SSN_INDEX_PURPOSE = "ssn"


def name_key(field: str) -> GeneratedField:
    """A column PostgreSQL keeps equal to wf_name_key(field): lower case, no accents, letters only.

    Search compares these keys, so "O'Brien", "OBrien" and "o brien" are one name and
    "José" matches "Jose"; see docs/search.md and migration 0003.
    """
    return GeneratedField(
        expression=Func(F(field), function="wf_name_key"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )


class JobSeekerQuerySet(models.QuerySet):
    """Seekers narrowed to what one staff member may see."""

    def visible_to(self, user: User) -> JobSeekerQuerySet:
        """The one visibility rule (DESIGN.md, principle 3); every view, search and count uses it.

        State-agency staff see every seeker statewide. Partner-organization staff never
        see a seeker who opted out of data sharing (seed 002). Anyone else sees nobody.
        """
        rule = visibility_rule(user)
        return self if rule is None else self.filter(rule)

    def sees_everyone(self, user: User) -> bool:
        """Whether `visible_to(user)` leaves every seeker in, by the same rule.

        Readers of history ask it: a log entry whose seeker can no longer be told (its
        record deleted) may be shown only to someone who would see any seeker.
        """
        return visibility_rule(user) is None


def visibility_rule(user: User) -> Q | None:
    """The rule behind `visible_to`: None for "every seeker", else the filter to apply."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    if user.is_partner_staff:
        return Q(opted_out=False)
    return None


class JobSeeker(models.Model):
    """A person looking for work: the record staff register, find again and serve."""

    first_name = models.CharField(max_length=100)
    middle_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    suffix = models.CharField(max_length=20, blank=True)
    date_of_birth = models.DateField()
    first_key = name_key("first_name")
    middle_key = name_key("middle_name")
    last_key = name_key("last_name")

    # The SSN is encrypted; ssn_index (keyed HMAC) finds it exactly, ssn_last4 masks it.
    ssn = EncryptedTextField(null=True, blank=True)
    # NULL, not "", for "no SSN": the unique constraint must allow many seekers without one.
    ssn_index = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    ssn_last4 = models.CharField(max_length=4, blank=True, editable=False)
    ssn_is_pseudo = models.BooleanField(
        default=False, help_text="A unique number beginning with 9 given instead of a real SSN."
    )

    phone = models.CharField(max_length=20, blank=True, help_text="Ten digits, no punctuation.")
    email = models.EmailField(blank=True)
    address_line1 = models.CharField("street address", max_length=200, blank=True)
    address_line2 = models.CharField("apartment, suite, etc.", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField("ZIP code", max_length=10, blank=True)

    account_type = models.CharField(
        max_length=20, choices=AccountType.choices, default=AccountType.STAFF_ASSISTED
    )
    offices = models.ManyToManyField(Office, related_name="seekers", blank=True)
    opted_out = models.BooleanField(
        "opted out of data sharing",
        default=False,
        help_text="Partner-organization staff cannot see seekers who opted out.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for a self-service account.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Staff check the date of birth against a document (membership, seed 003); services
    # loaded by the nightly batch are credited to whoever did.
    dob_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="date of birth verified by",
    )
    dob_verified_at = models.DateTimeField("date of birth verified at", null=True, blank=True)

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            # Two records can never share an SSN, however concurrent the inserts.
            models.UniqueConstraint(fields=["ssn_index"], name="seeker_unique_ssn"),
            models.CheckConstraint(
                condition=(Q(ssn__isnull=True) & Q(ssn_index__isnull=True) & Q(ssn_last4=""))
                | (
                    Q(ssn__isnull=False)
                    & Q(ssn_index__isnull=False)
                    & Q(ssn_last4__regex=r"^\d{4}$")
                ),
                name="seeker_ssn_parts_together",
            ),
            models.CheckConstraint(
                condition=Q(ssn_is_pseudo=False) | Q(ssn__isnull=False),
                name="seeker_pseudo_needs_ssn",
            ),
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="seeker_name_idx"),
            # Search (docs/search.md): every query form reaches its rows through one of these.
            models.Index(fields=["last_key", "first_key"], name="seeker_last_first_key_idx"),
            models.Index(fields=["first_key"], name="seeker_first_key_idx"),
            models.Index(fields=["middle_key"], name="seeker_middle_key_idx"),
            models.Index(fields=["last_key", "middle_key"], name="seeker_last_middle_key_idx"),
            models.Index(fields=["date_of_birth"], name="seeker_dob_idx"),
            models.Index(fields=["phone"], name="seeker_phone_idx"),
            models.Index(Lower("email"), name="seeker_email_idx"),
            models.Index(fields=["ssn_last4"], name="seeker_ssn_last4_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict:
        """django-auditlog stores this with each change: the seeker's Activity finds it by it."""
        return {"seeker_id": self.pk}

    @property
    def full_name(self) -> str:
        parts = [self.first_name, self.middle_name, self.last_name, self.suffix]
        return " ".join(part for part in parts if part)

    @property
    def public_id(self) -> str:
        """The seeker id staff see, type and find in URLs: a keyed token of the primary key,
        never the sequential key itself (workforce.urlids; docs/security.md)."""
        return id_encode(self.pk)

    @property
    def masked_ssn(self) -> str:
        return f"***-**-{self.ssn_last4}" if self.ssn_last4 else ""

    def set_ssn(self, value: str | None, *, pseudo: bool = False) -> None:
        """Set the SSN and the columns derived from it; the caller saves."""
        if not value:
            self.ssn, self.ssn_index, self.ssn_last4, self.ssn_is_pseudo = None, None, "", False
            return
        digits = ssn_rules.normalize(value)
        self.ssn = digits
        self.ssn_index = ssn_blind_index(digits)
        self.ssn_last4 = digits[-4:]
        self.ssn_is_pseudo = pseudo

    def blind_indexes(self) -> dict[str, str | None]:
        """The blind-index columns recomputed from the plaintext (used by rotate_pii_keys)."""
        return {"ssn_index": ssn_blind_index(self.ssn) if self.ssn else None}


def ssn_blind_index(ssn: str) -> str:
    """The blind index of an SSN in any formatting (normalised to its nine digits)."""
    return crypto.blind_index(ssn_rules.normalize(ssn), purpose=SSN_INDEX_PURPOSE)


class OtherName(models.Model):
    """A name the seeker also uses or used (maiden name, nickname): searched like the main name."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="other_names")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    first_key = name_key("first_name")
    last_key = name_key("last_name")

    class Meta:
        indexes = [
            models.Index(fields=["last_key", "first_key"], name="othername_last_first_key_idx"),
            models.Index(fields=["first_key"], name="othername_first_key_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_name="") | ~Q(last_name=""), name="other_name_not_empty"
            )
        ]

    def __str__(self) -> str:
        return " ".join(part for part in [self.first_name, self.last_name] if part)

    def get_additional_data(self) -> dict:
        return {"seeker_id": self.seeker_id}


class NameTerm(models.Model):
    """Every distinct name key in use: the vocabulary that sound-alike, typo and prefix search scan.

    Fuzzy matching runs over this small table (tens of thousands of names for a
    state) and then looks seekers up by exact key, instead of fuzzy-scanning a
    million seeker rows. Database triggers add the keys of every inserted or
    renamed seeker and other name (migration 0005), so no code path can forget.
    """

    term = models.CharField(max_length=100, primary_key=True)
    sound = GeneratedField(
        expression=Func(F("term"), function="dmetaphone"),
        output_field=models.CharField(max_length=20),
        db_persist=True,
    )
    sound_alt = GeneratedField(
        expression=Func(F("term"), function="dmetaphone_alt"),
        output_field=models.CharField(max_length=20),
        db_persist=True,
    )

    class Meta:
        indexes = [
            GinIndex(OpClass(F("term"), name="gin_trgm_ops"), name="nameterm_trgm_idx"),
            models.Index(OpClass(F("term"), name="text_pattern_ops"), name="nameterm_prefix_idx"),
            models.Index(fields=["sound"], name="nameterm_sound_idx"),
            models.Index(fields=["sound_alt"], name="nameterm_sound_alt_idx"),
        ]

    def __str__(self) -> str:
        return self.term


def yes_no_declined(label: str) -> models.CharField:
    """A demographic question answered yes, no or "prefers not to answer"; blank = not asked."""
    return models.CharField(label, max_length=10, choices=YesNoDeclined.choices, blank=True)


# The order the questions are asked in, on the phone and in self-service.
DEMOGRAPHICS_QUESTIONS = [
    "gender", "ethnicity", "races", "veteran_status", "disability", "education",
    "employment_status", "low_income", "ui_claimant", "tanf", "snap", "ex_offender",
]  # fmt: skip

# Asked by staff only (seed 001: "additional demographic questions that do not display to
# self-service job seekers"); the self-service form must leave these out.
DEMOGRAPHICS_STAFF_ONLY = [
    "homeless",
    "english_learner",
    "single_parent",
    "long_term_unemployed",
    "displaced_homemaker",
]

# Staff-only too, asked on Case Details rather than during the phone call: the answers
# the program eligibility rules need (casework/enrollments/eligibility, docs/eligibility.md).
ELIGIBILITY_QUESTIONS = [
    "right_to_work",
    "selective_service",
    "laid_off",
    "unlikely_to_return",
    "self_employment_lost",
    "in_school",
    "basic_skills_deficient",
    "foster_care",
    "pregnant_or_parenting",
    "taa_certified",
    "resea_selected",
]


class Demographics(models.Model):
    """The reporting questions of registration (seed 000's notice); every one may be declined."""

    seeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE, related_name="demographics")
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    races = ArrayField(
        models.CharField(max_length=30, choices=Race.choices),
        default=list,
        blank=True,
        verbose_name="race",
    )
    veteran_status = models.CharField(max_length=30, choices=VeteranStatus.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    education = models.CharField(
        "highest education completed", max_length=30, choices=Education.choices, blank=True
    )
    employment_status = models.CharField(
        max_length=30, choices=EmploymentStatus.choices, blank=True
    )
    ui_claimant = yes_no_declined("Receiving unemployment insurance (UI)")
    tanf = yes_no_declined("Receiving TANF (Temporary Assistance for Needy Families)")
    snap = yes_no_declined("Receiving SNAP (food support)")
    low_income = yes_no_declined("Household income at or below the low-income level")
    ex_offender = yes_no_declined("Ex-offender (convicted or arrested as an adult or juvenile)")
    # Staff-only questions (seed 001): asked on staff-assisted registration, never in
    # self-service; they help determine eligibility for programs.
    homeless = yes_no_declined("Homeless or lacking a fixed, regular nighttime residence")
    english_learner = yes_no_declined("English language learner")
    single_parent = yes_no_declined("Single parent")
    long_term_unemployed = yes_no_declined("Unemployed 27 or more consecutive weeks")
    displaced_homemaker = yes_no_declined("Displaced homemaker")
    # Staff-only eligibility questions (ELIGIBILITY_QUESTIONS), asked on Case Details.
    right_to_work = yes_no_declined("Legally eligible to work in the United States")
    selective_service = models.CharField(
        "Selective Service registration",
        max_length=20,
        choices=SelectiveService.choices,
        blank=True,
        help_text="Men born on or after January 1, 1960 must be registered (WIOA sec. 189(h)).",
    )
    laid_off = yes_no_declined(
        "Terminated or laid off, or received a notice of termination or layoff"
    )
    unlikely_to_return = yes_no_declined(
        "Unlikely to return to the previous industry or occupation"
    )
    self_employment_lost = yes_no_declined(
        "Was self-employed and lost the business to the economy or a natural disaster"
    )
    in_school = yes_no_declined("Attending school (secondary or postsecondary)")
    basic_skills_deficient = yes_no_declined("Basic skills deficient")
    foster_care = yes_no_declined("In foster care, or aged out of it")
    pregnant_or_parenting = yes_no_declined("Pregnant or parenting")
    taa_certified = yes_no_declined(
        "Separated from a firm covered by a certified Trade Adjustment Assistance petition"
    )
    resea_selected = yes_no_declined("Selected by the state for RESEA (profiled UI claimant)")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "demographics"

    def __str__(self) -> str:
        return f"Demographics of seeker {self.seeker_id}"

    def get_additional_data(self) -> dict:
        return {"seeker_id": self.seeker_id}


# SSN columns are recorded as "changed", never as a value (settings.AUDITLOG_MASK_CALLABLE).
SEEKER_MASKED_FIELDS = ["ssn", "ssn_index", "ssn_last4"]
auditlog.register(JobSeeker, mask_fields=SEEKER_MASKED_FIELDS, m2m_fields={"offices"})
auditlog.register(OtherName)
auditlog.register(Demographics)
