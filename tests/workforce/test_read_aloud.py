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


# issue 12: a raw URL in a script is a link with readable text, never "less-than http…".
def test_it_shows_an_angle_bracketed_url_as_link_text() -> None:
    html = render_to_string(
        "includes/read_aloud.html",
        {"heading": "H", "paragraphs": ["Find a center near you: <http://mn.gov/deed/centers/>"]},
    )
    assert '<a class="usa-link" href="http://mn.gov/deed/centers/">mn.gov/deed/centers</a>' in html
    assert "&lt;http" not in html and "<http" not in html


def test_it_links_markdown_links_and_keeps_other_angle_brackets_as_text() -> None:
    from workforce.templatetags.workforce_read_aloud import script_links

    html = script_links(
        "See [the policies](https://example.org/p?a=1&b=2) or [nowhere](#); "
        "no space, > or <. Bare https://example.org/x too."
    )
    assert '<a class="usa-link" href="https://example.org/p?a=1&amp;b=2">the policies</a>' in html
    assert "nowhere;" in html and 'href="#"' not in html
    assert "no space, &gt; or &lt;." in html
    assert '<a class="usa-link" href="https://example.org/x">example.org/x</a> too.' in html


def test_it_escapes_markup_around_links() -> None:
    from workforce.templatetags.workforce_read_aloud import script_links

    html = script_links('<script>alert(1)</script> <http://a.example/"onmouseover=x>')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '"onmouseover' not in html


def test_it_renders_the_credentials_script_url_as_link_text(db: None) -> None:
    from registration.notices.selectors import notice_current

    script = notice_current().credentials_script
    html = render_to_string(
        "includes/read_aloud.html", {"id": "c", "heading": "H", "paragraphs": script}
    )
    assert ">mn.gov/deed/job-seekers/workforce-centers/workforce-center-locations</a>" in html
    assert "&lt;http" not in html
    assert "greater than or less than (&gt; or &lt;)" in html
