"""Routes of the letters pages, included under letters/ into the registration namespace."""

from django.urls import path

from registration.letters import views

urlpatterns = [
    path("", views.letters, name="letters"),
    path("print/", views.letters_print_all, name="letters-print"),
    path("<int:letter_id>/", views.letter_print, name="letter"),
    path("<int:letter_id>/mailed/", views.letter_mailed, name="letter-mailed"),
]
