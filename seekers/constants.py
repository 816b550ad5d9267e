"""Choices for seeker records, in the words of federal reporting (PIRL) where one applies."""

from django.db import models


class AccountType(models.TextChoices):
    SELF_SERVICE = "self_service", "Self-service"
    STAFF_ASSISTED = "staff_assisted", "Staff-assisted"


class YesNoDeclined(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DECLINED = "declined", "Did not self-identify"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    DECLINED = "declined", "Did not self-identify"


class Ethnicity(models.TextChoices):
    HISPANIC = "hispanic", "Hispanic or Latino"
    NOT_HISPANIC = "not_hispanic", "Not Hispanic or Latino"
    DECLINED = "declined", "Did not self-identify"


class Race(models.TextChoices):
    AMERICAN_INDIAN = "american_indian", "American Indian or Alaska Native"
    ASIAN = "asian", "Asian"
    BLACK = "black", "Black or African American"
    PACIFIC_ISLANDER = "pacific_islander", "Native Hawaiian or Other Pacific Islander"
    WHITE = "white", "White"
    DECLINED = "declined", "Did not self-identify"


class VeteranStatus(models.TextChoices):
    NOT_VETERAN = "not_veteran", "Not a veteran"
    VETERAN = "veteran", "Veteran"
    ELIGIBLE_SPOUSE = "eligible_spouse", "Eligible spouse of a veteran"
    DECLINED = "declined", "Did not self-identify"


class Disability(models.TextChoices):
    YES = "yes", "Has a disability"
    NO = "no", "No disability"
    DECLINED = "declined", "Did not self-identify"


class Education(models.TextChoices):
    NONE = "none", "No school grade completed"
    SOME_HIGH_SCHOOL = "some_high_school", "Some high school"
    HIGH_SCHOOL = "high_school", "High school diploma or equivalent"
    SOME_COLLEGE = "some_college", "Some college, no degree"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    GRADUATE = "graduate", "Graduate degree"


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    EMPLOYED_NOTICE = "employed_notice", "Employed, received notice of termination"
    UNEMPLOYED = "unemployed", "Not employed"
