"""One HTTP POST of a webhook, with the standard library only (no extra dependency).

Returns what the delivery log records; never raises for network or HTTP errors. Redirects are
not followed: a receiver that moved must be updated in the endpoint's settings.
"""

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

TIMEOUT_SECONDS = 10
MAX_RESPONSE_BYTES = 2000


@dataclass(frozen=True)
class PostResult:
    status_code: int | None  # None when no HTTP answer came (refused, timeout…)
    response_excerpt: str
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post_json(url: str, *, body: bytes, headers: dict[str, str]) -> PostResult:
    """POST `body` (JSON) to `url` with `headers`; the answer's status and first bytes."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", **headers},
    )
    started = time.monotonic()
    status, excerpt, error = None, "", ""
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
            excerpt = response.read(MAX_RESPONSE_BYTES).decode("utf-8", "replace")
    except urllib.error.HTTPError as failure:
        status = failure.code
        excerpt = failure.read(MAX_RESPONSE_BYTES).decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as failure:
        error = str(getattr(failure, "reason", failure))[:500]
    duration_ms = int((time.monotonic() - started) * 1000)
    return PostResult(status, excerpt, error, duration_ms)
