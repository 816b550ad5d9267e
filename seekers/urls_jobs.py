"""URLs of Case Details: job postings, search, referrals."""

from django.urls import path

from seekers import views_jobs

urlpatterns = [
    path("<int:seeker_id>/jobs/", views_jobs.job_search, name="job-search"),
    path("<int:seeker_id>/jobs/<int:posting_id>/", views_jobs.job_posting, name="job-posting"),
    path("<int:seeker_id>/jobs/<int:posting_id>/refer/", views_jobs.job_refer, name="job-refer"),
    path("<int:seeker_id>/jobs/<int:posting_id>/send/", views_jobs.job_send, name="job-send"),
    path(
        "<int:seeker_id>/jobs/referrals/<int:job_referral_id>/outcome/",
        views_jobs.job_referral_outcome,
        name="job-referral-outcome",
    ),
]
