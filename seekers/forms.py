"""Forms of the seekers app."""

from __future__ import annotations

from django import forms

from seekers.search.query import MAX_LENGTH
from workforce.constants import SearchScope


class SearchForm(forms.Form):
    """The quick-search box and its "in" field (seed 002: Quick Search and its "in" field)."""

    q = forms.CharField(label="Search job seekers", required=False, max_length=MAX_LENGTH * 2)
    scope = forms.ChoiceField(label="in", choices=SearchScope.choices, required=False)
    # "Search all offices" from an empty My-office result: widen this search only.
    widen = forms.BooleanField(required=False)
