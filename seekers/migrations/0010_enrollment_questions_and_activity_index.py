"""The questions each default program asks at enrollment, and the index Activity reads by."""

from django.db import migrations

# A copy, frozen with this migration; administrators edit the questions in the admin.
# (program code, key, label, kind, choices, required)
QUESTIONS = [
    ("wioa-adult", "service_level", "Services the seeker is enrolled for", "choice",
     "Career services\nTraining services", True),
    ("wioa-adult", "priority_group", "Priority of service group", "choice",
     "Veteran or eligible spouse\nPublic assistance recipient\nLow income\n"
     "Basic skills deficient\nNone of these", True),
    ("wioa-adult", "selective_service_checked",
     "Selective Service registration checked (or not required)", "yes_no", "", True),
    ("wioa-dislocated-worker", "dislocation_category", "How the seeker was dislocated", "choice",
     "Laid off or terminated\nReceived a notice of layoff or termination\n"
     "Self-employed, business failed\nDisplaced homemaker", True),
    ("wioa-dislocated-worker", "dislocation_date", "Date of the dislocation or notice", "date",
     "", True),
    ("wioa-dislocated-worker", "dislocation_employer", "Employer the seeker was dislocated from",
     "text", "", False),
    ("wioa-youth", "youth_type", "In school or out of school", "choice",
     "In-school youth\nOut-of-school youth", True),
    ("wioa-youth", "guardian_consent", "A parent or guardian consented (seekers under 18)",
     "yes_no", "", False),
    ("wagner-peyser", "referral_source", "How the seeker came to the center", "choice",
     "Walk-in\nPhone\nOnline\nUnemployment insurance referral\nPartner referral", True),
    ("jvsg", "barrier", "Significant barrier to employment", "choice",
     "Special disabled or disabled veteran\nHomeless\n"
     "Recently separated, unemployed 27 or more weeks in the last 12 months\n"
     "Justice-involved\nNo high school diploma or equivalent\nLow income\n"
     "Veteran aged 18 to 24\nTransitioning service member or wounded warrior\n"
     "Eligible spouse with one of these barriers", True),
    ("jvsg", "service_proof_reviewed", "DD-214 or other proof of service reviewed", "yes_no",
     "", True),
    ("resea", "claim_date", "Date of the initial unemployment claim", "date", "", True),
    ("resea", "selection_date", "Date the seeker was selected for RESEA", "date", "", True),
    ("taa", "petition_number", "TAA petition number", "text", "", True),
    ("taa", "separation_date", "Date of separation from the certified firm", "date", "", True),
]  # fmt: skip


def add_questions(apps, schema_editor):
    Program = apps.get_model("workforce", "Program")
    Question = apps.get_model("seekers", "EnrollmentQuestion")
    programs = {p.code: p for p in Program.objects.all()}
    for order, (code, key, label, kind, choices, required) in enumerate(QUESTIONS):
        if code in programs:
            Question.objects.get_or_create(
                program=programs[code],
                key=key,
                defaults={"label": label, "kind": kind, "choices": choices,
                          "required": required, "display_order": order * 10},
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0009_casework"),
        ("workforce", "0006_program_rules_and_access_actions"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunPython(add_questions, migrations.RunPython.noop),
        # The seeker's Activity: every change stored with {"seeker_id": ...} (SeekerActivity).
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS auditlog_seeker_activity_idx ON auditlog_logentry "
            "(((additional_data ->> 'seeker_id')::bigint), timestamp DESC) "
            "WHERE additional_data ? 'seeker_id'",
            "DROP INDEX IF EXISTS auditlog_seeker_activity_idx",
        ),
    ]
