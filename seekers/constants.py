"""Choices for seeker records, in the words of federal reporting (PIRL) where one applies."""

from django.db import models

# Every demographic question may be declined (seed 000's notice: "You do not need to give us
# this information"); PIRL records the answer as "did not self-identify".
DECLINED_LABEL = "Prefers not to answer"


class AccountType(models.TextChoices):
    SELF_SERVICE = "self_service", "Self-service"
    STAFF_ASSISTED = "staff_assisted", "Staff-assisted"


class YesNoDeclined(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DECLINED = "declined", DECLINED_LABEL


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    DECLINED = "declined", DECLINED_LABEL


class Ethnicity(models.TextChoices):
    HISPANIC = "hispanic", "Hispanic or Latino"
    NOT_HISPANIC = "not_hispanic", "Not Hispanic or Latino"
    DECLINED = "declined", DECLINED_LABEL


class Race(models.TextChoices):
    AMERICAN_INDIAN = "american_indian", "American Indian or Alaska Native"
    ASIAN = "asian", "Asian"
    BLACK = "black", "Black or African American"
    PACIFIC_ISLANDER = "pacific_islander", "Native Hawaiian or Other Pacific Islander"
    WHITE = "white", "White"
    DECLINED = "declined", DECLINED_LABEL


class VeteranStatus(models.TextChoices):
    NOT_VETERAN = "not_veteran", "Not a veteran"
    VETERAN = "veteran", "Veteran"
    ELIGIBLE_SPOUSE = "eligible_spouse", "Eligible spouse of a veteran"
    DECLINED = "declined", DECLINED_LABEL


class Disability(models.TextChoices):
    YES = "yes", "Has a disability"
    NO = "no", "No disability"
    DECLINED = "declined", DECLINED_LABEL


class Education(models.TextChoices):
    NONE = "none", "No school grade completed"
    SOME_HIGH_SCHOOL = "some_high_school", "Some high school"
    HIGH_SCHOOL = "high_school", "High school diploma or equivalent"
    SOME_COLLEGE = "some_college", "Some college, no degree"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    GRADUATE = "graduate", "Graduate degree"
    DECLINED = "declined", DECLINED_LABEL


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    EMPLOYED_NOTICE = "employed_notice", "Employed, received notice of termination"
    UNEMPLOYED = "unemployed", "Not employed"
    DECLINED = "declined", DECLINED_LABEL
