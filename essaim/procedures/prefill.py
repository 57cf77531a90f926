"""Links that open a new dossier already filled with some answers (from a business tool, an
e-mail campaign or the API), signed so that nobody can forge or alter them.

The link carries the procedure and the answers (signed and compressed); it expires after
`days`. Every link is entered in a register (`PrefillLink`: who made it, which questions, until
when) so that the builder's page lists them and can revoke one; the answers themselves are
kept only in the link, except for links made on that page (kept to copy them again, while the
link can be used: see `retention.purge_prefill_links`). Opening a
link creates nothing: the person confirms, then a draft is started with the answers that pass
the fields' validation (`services.start_dossier`), which the person can still change.
"""

import datetime
import time

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.core.emails import absolute_url
from essaim.procedures.fields import FieldError, registry
from essaim.procedures.prefill_models import PrefillLink
from essaim.procedures.spec import FormSpec

SALT = "essaim.procedures.prefill"
DEFAULT_DAYS = 30
MAX_DAYS = 365


class PrefillLinkError(Exception):
    """The link is forged, altered, expired or for another procedure; `message` is French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _spec(procedure) -> FormSpec:
    version = procedure.published_version
    if version is None:
        raise ValidationError(_("Publiez d’abord le formulaire de la démarche."))
    return FormSpec.for_version(version)


def prefill_problems(procedure, answers) -> dict[str, str]:
    """{key: French message} for the answers that cannot pre-fill the published form."""
    spec = _spec(procedure)
    problems = {}
    for key, raw in answers.items():
        field = spec.by_key.get(key)
        if field is None or field.private or not registry.get(field.type).is_input:
            problems[key] = _("Aucune question « %(key)s » dans ce formulaire.") % {"key": key}
            continue
        if field.type == "attachment":
            problems[key] = _("Une pièce justificative ne peut pas être pré-remplie.")
            continue
        try:
            registry.get(field.type).clean(raw, field)
        except FieldError as error:
            problems[key] = error.message
    return problems


def make_link(
    procedure,
    answers: dict,
    *,
    days: int = DEFAULT_DAYS,
    label: str = "",
    by=None,
    api_token=None,
) -> tuple[str, object]:
    """(absolute URL, expiry datetime) of a link that pre-fills `answers`.

    Raises ValidationError (French, by key) when an answer does not fit the published form.
    Side effect: enters the link in the register (with its URL only when an editor made it on
    the builder's page, `by`; a link made for a business tool carries a person's data).
    """
    if not isinstance(answers, dict) or not answers:
        raise ValidationError(_("Indiquez au moins une réponse à pré-remplir."))
    problems = prefill_problems(procedure, answers)
    if problems:
        raise ValidationError({key: [message] for key, message in problems.items()})
    days = max(1, min(int(days), MAX_DAYS))
    expires = int(time.time()) + days * 86400
    expires_at = datetime.datetime.fromtimestamp(expires, tz=datetime.UTC)
    with transaction.atomic():
        link = PrefillLink.objects.create(
            procedure=procedure,
            label=label[:120],
            keys=list(answers),
            created_by=by,
            api_token=api_token,
            expires_at=expires_at,
        )
        data = {"p": procedure.pk, "l": link.pk, "a": answers, "e": expires}
        token = signing.dumps(data, salt=SALT, compress=True)
        url = absolute_url(reverse("procedures:prefill", args=[procedure.slug, token]))
        if by is not None:
            link.url = url
            link.save(update_fields=["url"])
    return url, expires_at


def revoke_link(link, *, by) -> None:
    """Side effect: the link is refused from now on (kept in the register, marked revoked,
    without its address: the answers it carries are no longer needed)."""
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by, link.url = timezone.now(), by, ""
        link.save(update_fields=["revoked_at", "revoked_by", "url"])


def parse_answers(text: str, procedure) -> dict:
    """The answers typed on the builder's page, one « identifiant = valeur » a line; lists
    (multiple or linked choices) separated by commas. ValidationError (French) otherwise."""
    spec = _spec(procedure)
    answers, problems = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            problems.append(
                _(
                    "Ligne %(n)s : écrivez « identifiant = valeur », par exemple "
                    "« commune = 59350 »."
                )
                % {"n": number}
            )
            continue
        field = spec.by_key.get(key)
        if field is not None and field.type in {"multiple_choice", "linked_choice"}:
            answers[key] = [part.strip() for part in value.split(",") if part.strip()]
        else:
            answers[key] = value
    if problems:
        raise ValidationError(problems)
    return answers


def read_link(token: str, procedure) -> dict:
    """The answers of a valid link for `procedure`; PrefillLinkError otherwise."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise PrefillLinkError(
            _("Ce lien de pré-remplissage est incomplet ou a été modifié : demandez-en un nouveau.")
        ) from error
    if data.get("p") != procedure.pk:
        raise PrefillLinkError(_("Ce lien pré-remplit une autre démarche."))
    # Expiry first: the register forgets dead links after a while (`retention`).
    if int(data.get("e", 0)) < time.time():
        raise PrefillLinkError(
            _("Ce lien de pré-remplissage a expiré : demandez-en un nouveau ou commencez sans.")
        )
    # Links made before the register have no "l": they stay valid until they expire.
    if (
        "l" in data
        and not PrefillLink.objects.filter(
            pk=data["l"], procedure=procedure, revoked_at__isnull=True
        ).exists()
    ):
        raise PrefillLinkError(
            _(
                "Ce lien de pré-remplissage a été retiré par le service qui gère la démarche : "
                "commencez sans, ou demandez-lui un nouveau lien."
            )
        )
    return data.get("a") or {}


def preview_rows(procedure, answers) -> list[dict]:
    """[{label, value}] of the pre-filled answers, as the person will see them."""
    spec = _spec(procedure)
    rows = []
    for key, raw in answers.items():
        field = spec.by_key.get(key)
        if field is None or key in prefill_problems(procedure, {key: raw}):
            continue
        kind = registry.get(field.type)
        rows.append({"label": field.label, "value": kind.display(kind.clean(raw, field), field)})
    return rows
