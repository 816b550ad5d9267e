"""The read-aloud component renders scripts verbatim and marks what is not read."""

from __future__ import annotations

from django.template.loader import render_to_string


def test_it_renders_each_paragraph_verbatim_in_a_labelled_script_box() -> None:
    html = render_to_string(
        "includes/read_aloud.html",
        {
            "id": "notice",
            "heading": "How We Use Your Personal Information",
            "paragraphs": ["First paragraph.", {"text": "Learn more online.", "not_read": True}],
        },
    )
    assert 'class="wf-read-aloud"' in html and 'aria-labelledby="notice-heading"' in html
    assert "<p>First paragraph.</p>" in html
    assert "Read aloud" in html
    assert "Do not read</span> Learn more online." in html


def test_it_escapes_script_text() -> None:
    html = render_to_string("includes/read_aloud.html", {"heading": "H", "paragraphs": ["a < b"]})
    assert "a &lt; b" in html
