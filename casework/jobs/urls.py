"""URLs of Case Details: job postings, search, referrals (included into the casework namespace)."""

from django.urls import path

from casework.jobs import views

urlpatterns = [
    path("<seeker:seeker_id>/jobs/", views.job_search, name="job-search"),
    path("<seeker:seeker_id>/jobs/<int:posting_id>/", views.job_posting, name="job-posting"),
    path("<seeker:seeker_id>/jobs/<int:posting_id>/refer/", views.job_refer, name="job-refer"),
    path("<seeker:seeker_id>/jobs/<int:posting_id>/send/", views.job_send, name="job-send"),
    path(
        "<seeker:seeker_id>/jobs/referrals/<int:job_referral_id>/outcome/",
        views.job_referral_outcome,
        name="job-referral-outcome",
    ),
]
