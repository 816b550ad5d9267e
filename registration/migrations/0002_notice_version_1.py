"""Version 1 of the texts read aloud, word for word from seed 000 (Minnesota).

Generated from ../shared/seeds/000_a62003b31c9cb999.txt and checked against it by
tests/registration/test_notice.py. The seed's spelling ("Tennessee", "Why do need")
is kept: staff read what the state published. The "learn more" line is marked as
printed in the email and the letter but not read aloud, as the seed says. A robot
emoji after the SSN script in the seed is a conversion artefact and is left out.
"""

from django.db import migrations
from django.utils import timezone

TITLE = "MinnesotaWorks.Net Tennessee Warning Notice"

NOTICE = [
    {"kind": "heading", "text": "How We Use Your Personal Information", "not_read": False},
    {
        "kind": "text",
        "text": "The Department of Employment and Economic Development (DEED) collects some "
        "personal information from MinnesotaWorks.net users because we are required to do "
        "so by the federal government. This information is NOT shared with employers.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "You do not need to give us this information by law, but it helps us serve you "
        "better.",
        "not_read": False,
    },
    {"kind": "heading", "text": "Why do need information about you?", "not_read": False},
    {
        "kind": "text",
        "text": "The information we collect is for our purposes only. We are required to collect "
        "this information and report it to the federal government. Some of the services you "
        "may receive are paid for by federal money. We are required to collect information "
        "about people using those services so we can report on our program outcomes.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "We also use information you provide to determine if you are eligible for "
        "additional services. We may contact you directly to let you know about these "
        "additional services.",
        "not_read": False,
    },
    {"kind": "heading", "text": "What information are we asking for?", "not_read": False},
    {
        "kind": "text",
        "text": "We ask for your Social Security Number (SSN) so that we can identify you as a "
        "unique individual. We use your SSN to find wage data on you that helps us "
        "determine how well our services helped you.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "We ask for demographics about you such as age, gender, ethnicity, race, veterans "
        "and disability status. This information may be used to evaluate our performance "
        "and to determine if you're eligible for special assistance.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "We ask about your employment status, income, benefit usage, and ex-offender status "
        "to determine if you have barriers to employment that may indicate your need for "
        "additional services.",
        "not_read": False,
    },
    {"kind": "heading", "text": "Who has access to your information?", "not_read": False},
    {
        "kind": "text",
        "text": "The information we are asking you to provide about yourself is considered private "
        "data under Minnesota law. We will only share your data with DEED staff who need it "
        "to do their work, the federal agency that oversees these services, and other "
        "entities as required by law.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "Your private information will NOT be provided to employers.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "You can learn more about DEED's data privacy policies online",
        "not_read": True,
    },
    {
        "kind": "heading",
        "text": "What if you don't want to provide me with information about yourself?",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "If you don't supply enough information to create a username and password for "
        "yourself, your ability to use MinnesotaWorks.net will be limited. A username and "
        "password allows for easy access to your job seeking and career management work "
        "during repeat visits.",
        "not_read": False,
    },
    {
        "kind": "heading",
        "text": "Some of the information we're asking about you are questions that employers can't "
        "ask on a job application or during an interview. Why are we asking for this "
        "information?",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "The information you provide on the MinnesotaWorks registration screen is NOT used "
        "for job application purposes. Your information is NOT provided to employers.",
        "not_read": False,
    },
    {
        "kind": "text",
        "text": "We are asking for information about you because some of the services you may "
        "receive are paid for by federal money, and we are required to track information to "
        "report to the federal government.",
        "not_read": False,
    },
]

QUESTIONS = {
    "a": "Do you understand this data privacy notice?",
    "b": "Do you understand the information that you provide during registration is not an "
    "application, and that this registration information will not be shared with employers?",
    "c": "Are you legally eligible to work in the United States?",
}

SSN_SCRIPT = "You are encouraged, but not required, to provide your Social Security Number (SSN). We use your SSN to improve our service. Every precaution is taken to safeguard your private data, including encryption and secure databases. If you choose not to share your SSN, please enter a unique nine-digit number beginning with the number 9."

CREDENTIALS_SCRIPT = [
    "Select a username, password, secret question, and secret answer that you will remember. In "
    "addition to this application, your username and password may be used in any of the "
    "WorkForce Centers Resource Area computers to assist you in choosing a career, preparing for "
    "work, sharpening interview skills, creating a resume, and seeking additional community "
    "resources. Select this link to find a WorkForce Center near you: "
    "<http://mn.gov/deed/job-seekers/workforce-centers/workforce-center-locations/>",
    "Your username and password cannot be the same. You may choose any combination of letters, "
    "numbers or special characters, and the total length must be at least 6 characters and "
    "cannot include a space or greater than or less than (> or <). The password is the only "
    "field where capital letters matter(case sensitive).",
]


def publish(apps, schema_editor):
    NoticeVersion = apps.get_model("registration", "NoticeVersion")
    NoticeVersion.objects.get_or_create(
        number=1,
        defaults={
            "title": TITLE,
            "notice": NOTICE,
            "questions": QUESTIONS,
            "ssn_script": SSN_SCRIPT,
            "credentials_script": CREDENTIALS_SCRIPT,
            "published_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("registration", "0001_initial")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
