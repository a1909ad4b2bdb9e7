"""Secrets out of what is shown: a database URL's password never reaches a screen or a log.

Works on text, not on a parsed URL, so that a URL too malformed to parse is masked as well
(its error message would otherwise repeat it whole).
"""

import re

MASK = "***"
_USERINFO_PASSWORD = re.compile(r"(?P<head>://[^:/?#@\s]*:)(?P<secret>\S*)(?P<tail>@[^@/?#\s]*)")
"""Up to the last ``@``: a password may hold an unescaped ``@``. Masking too much is safe."""
_QUERY_PASSWORD = re.compile(r"(?P<head>[?&](?:password|passfile_password)=)(?P<secret>[^&#\s]*)")


def redact_url(text: str) -> str:
    """``text`` with the password of any URL in it replaced by ``***``: the one in
    ``scheme://user:PASSWORD@host`` and a ``password=`` query parameter (libpq takes both)."""
    masked = _USERINFO_PASSWORD.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", text)
    return _QUERY_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", masked)
