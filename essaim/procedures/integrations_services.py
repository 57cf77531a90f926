"""Integration settings of a procedure: API tokens and webhooks (what the admin pages call).

A token is shown once, at creation; only its SHA-256 is stored. It belongs to an organisation,
is limited to some procedures (all of the organisation's when none is chosen) and to scopes
(`dossiers:read`, `dossiers:write`), and can be revoked at any time.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from essaim.procedures.models import ApiToken, Dossier, Procedure, Webhook

TOKEN_PREFIX = "ess_"
READ = "dossiers:read"
WRITE = "dossiers:write"
SCOPES = (READ, WRITE)
LAST_USED_PRECISION_SECONDS = 60


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(*, organisation, name: str, scopes, procedures=(), by) -> tuple[ApiToken, str]:
    """A new token and its clear value (to show once). Side effects: saves an ApiToken."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        prefix=raw[:12],
        token_hash=hash_token(raw),
        scopes=[scope for scope in SCOPES if scope in set(scopes)],
        created_by=by,
    )
    token.procedures.set(procedures)
    return token, raw


def revoke_token(token, *, by) -> ApiToken:
    """Side effects: saves `revoked_at`; the token is refused from the next request on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The live token whose clear value is `raw`, or None. Side effects: may save
    `last_used_at` (at most once a minute per token)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.filter(token_hash=hash_token(raw), revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > LAST_USED_PRECISION_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def dossiers_for_token(token):
    """The dossiers `token` may see: its organisation's procedures (or the chosen ones), never
    drafts."""
    dossiers = Dossier.objects.filter(procedure__organisation=token.organisation).exclude(
        state="draft"
    )
    chosen = list(token.procedures.values_list("pk", flat=True))
    if chosen:
        dossiers = dossiers.filter(procedure_id__in=chosen)
    return dossiers


def procedures_for_token(token):
    """The procedures `token` may act on: its organisation's, or the chosen ones."""
    procedures = Procedure.objects.filter(organisation=token.organisation)
    chosen = list(token.procedures.values_list("pk", flat=True))
    return procedures.filter(pk__in=chosen) if chosen else procedures


def add_webhook(*, procedure, url: str, include_answers: bool, by) -> Webhook:
    """Side effects: saves a Webhook (its secret is generated)."""
    return Webhook.objects.create(procedure=procedure, url=url, include_answers=include_answers)


def delete_webhook(webhook, *, by) -> None:
    """Side effects: deletes the webhook and its delivery log."""
    webhook.delete()
