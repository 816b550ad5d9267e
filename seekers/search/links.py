"""Search links (issue 14): what addresses a results page, kept server-side per user.

A search is posted, then its results are shown at `?qt=<token>` (post/redirect/get, so
Back and paging work). What staff type may be an SSN, and URLs end up in browser history
and server logs, so the URL carries a random token only: the query stays in a
`SearchLink` row of the user who ran it, encrypted, until it expires. The token is
signed with SEARCH_LINK_KEY and the row is found by its HMAC under that key.
Another user's token, a forged, damaged or expired one all answer the same: None.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from seekers.models import SearchLink
from workforce.models import User

_SALT = "seekers.search-link"


def _signer() -> signing.Signer:
    return signing.Signer(key=settings.SEARCH_LINK_KEY, salt=_SALT)


def _digest(nonce: str) -> str:
    key = settings.SEARCH_LINK_KEY.encode()
    return hmac.new(key, f"search-link:{nonce}".encode(), hashlib.sha256).hexdigest()


def search_link_create(*, user: User, text: str, scope: str) -> str:
    """Keep the query for `user` and return the token of its results page."""
    now = timezone.now()
    SearchLink.objects.filter(expires_at__lte=now).delete()  # old links go as new ones come
    nonce = secrets.token_urlsafe(24)
    SearchLink.objects.create(
        token_digest=_digest(nonce), user=user, query=text, scope=scope,
        expires_at=now + datetime.timedelta(hours=settings.SEARCH_LINK_HOURS),
    )  # fmt: skip
    return _signer().sign(nonce)


def search_link_get(*, user: User, token: str) -> tuple[str, str] | None:
    """The query and scope behind a token, or None unless it is this user's and unexpired."""
    try:
        nonce = _signer().unsign(token)
    except signing.BadSignature:
        return None
    link = SearchLink.objects.filter(
        token_digest=_digest(nonce), user=user, expires_at__gt=timezone.now()
    ).first()  # fmt: skip
    return (link.query, link.scope) if link else None
