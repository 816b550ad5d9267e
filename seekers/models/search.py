"""Search links (issue 14): a results page's address carries a random token, never the query."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from workforce.fields import EncryptedTextField


class SearchLink(models.Model):
    """One search's results page: its query kept here, for the user who ran it, until it expires.

    The URL carries a random token signed with SEARCH_LINK_KEY; the row is found by the
    token's HMAC under the same key (`token_digest`), so a copy of this table opens no
    link. The query may hold an SSN, so it is encrypted like one. Not audited: a search
    changes nothing, and the call's own record keeps what it searched (masked).
    """

    token_digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    query = EncryptedTextField()
    scope = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"search link of {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"
