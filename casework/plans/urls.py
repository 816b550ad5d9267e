"""Routes of assessments and employment plans, included into the casework namespace."""

from django.urls import path

from casework.plans import views

S = "<seeker:seeker_id>"
P = f"{S}/plans/<int:plan_id>"
A = f"{S}/assessments/<int:assessment_id>"

urlpatterns = [
    path(f"{S}/plans/new/", views.plan_create, name="plan-new"),
    path(f"{P}/", views.plan_detail, name="plan-detail"),
    path(f"{P}/close/", views.plan_close, name="plan-close"),
    path(f"{P}/goals/new/", views.plan_goal_add, name="plan-goal-new"),
    path(f"{P}/goals/<int:goal_id>/edit/", views.plan_goal_edit, name="plan-goal-edit"),
    path(f"{P}/steps/new/", views.plan_step_add, name="plan-step-new"),
    path(f"{P}/steps/<int:step_id>/edit/", views.plan_step_edit, name="plan-step-edit"),
    path(f"{P}/lmi/", views.plan_lmi, name="plan-lmi"),
    path(f"{P}/lmi/occupation/", views.plan_lmi_page, name="plan-lmi-page"),
    path(f"{S}/assessments/new/", views.assessment_create, name="assessment-new"),
    path(f"{A}/", views.assessment_detail, name="assessment-detail"),
    path(f"{A}/edit/", views.assessment_edit, name="assessment-edit"),
    path(f"{A}/lmi/", views.assessment_lmi, name="assessment-lmi"),
    path(f"{A}/lmi/occupation/", views.assessment_lmi_page, name="assessment-lmi-page"),
]
