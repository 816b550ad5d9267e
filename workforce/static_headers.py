"""Headers of static files (WHITENOISE_ADD_HEADERS_FUNCTION).

Imported by settings, so it imports nothing of the project or of Django.
"""

from __future__ import annotations

# Static files are served by whitenoise before any middleware of ours, so the page CSP of
# django-csp never reaches them (ASVS 5.0 3.4.3). They are stylesheets, scripts, fonts and
# images, never pages: opened on their own (an SVG icon in a tab, say), nothing in them may
# run or load anything. A CSS file still loads its own fonts and images through the page's
# policy, which governs subresources; this one applies only when a file is the document.
STATIC_FILE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; sandbox"


def static_file_headers(headers: dict, path: str, url: str) -> None:
    """WHITENOISE_ADD_HEADERS_FUNCTION: every static file gets STATIC_FILE_CSP."""
    headers["Content-Security-Policy"] = STATIC_FILE_CSP
