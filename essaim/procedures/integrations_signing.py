"""Signatures of the webhooks Essaim sends: HMAC-SHA256 over the timestamp and the body.

The header ``Essaim-Signature: t=<unix time>,v1=<hex digest>`` signs ``f"{t}.".encode() + body``
with the endpoint's secret, so a receiver checks both authenticity and freshness (replays of
an old delivery fail once ``tolerance`` seconds have passed). Pure functions, no Django import:
the documented receiver example and the tests use them as they are.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Essaim-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
EVENT_HEADER = "Essaim-Event"
DEFAULT_TOLERANCE = 300


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The value of the signature header for `body`, sent at `timestamp` (now by default)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def verify(
    *,
    secret: str,
    body: bytes,
    header: str,
    tolerance: int = DEFAULT_TOLERANCE,
    now: int | None = None,
) -> bool:
    """True when `header` is a valid signature of `body` made less than `tolerance` s ago."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    now = int(time.time()) if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(parts.get("v1", ""), _digest(secret, timestamp, body))
