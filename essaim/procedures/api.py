"""API of the dossiers, for business software: /api/v1/dossiers (token per organisation).

`Authorization: Bearer ess_…` (a token created by an administrator of the organisation, on the
procedure's « Intégrations » page); 401 without a valid token. Lists page with a cursor
(keyset on the dossier number): the 500,000th dossier comes as fast as the first.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from essaim.core.pagination import MAX_ID
from essaim.procedures import integrations_services as integrations
from essaim.procedures.enums import DossierState
from essaim.procedures.exports import dossier_facts

prefix = "/dossiers"
MAX_LIMIT = 500


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return integrations.authenticate(token)


router = Router(tags=["Dossiers (jeton requis)"], auth=TokenAuth())


class DossierOut(Schema):
    number: int = Field(description="Numéro du dossier")
    id: str = Field(description="Identifiant public (UUID)")
    procedure: int
    version: int = Field(description="Version du formulaire rempli")
    state: DossierState
    state_label: str
    group: str | None
    applicant_email: str | None
    applicant_name: str | None
    submitted_at: datetime.datetime | None
    instruction_started_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    decision_reason: str
    updated_at: datetime.datetime
    answers: dict = Field(description="Réponses, par identifiant de champ")
    annotations: dict = Field(description="Annotations privées, par identifiant")


class DossierPage(Schema):
    items: list[DossierOut]
    next_cursor: int | None = Field(
        description="À passer en `after` pour la page suivante ; null à la fin"
    )


class TransitionIn(Schema):
    name: str = Field(
        description="instruct, request_correction, back_to_submitted, accept, refuse, "
        "close_without_follow_up ou reopen"
    )
    reason: str = Field(
        "",
        max_length=5000,
        description="Motif ou message au demandeur ; pour request_correction, ce qu’il doit "
        "corriger",
    )
    deadline: datetime.date | None = Field(
        None,
        description="Pour request_correction seulement, facultative : date limite de "
        "correction (AAAA-MM-JJ), jusqu’à 23 h 59 ce jour-là, heure de Paris ; dans le futur",
    )


def _out(dossier) -> dict:
    return {
        **dossier_facts(dossier),
        "answers": dossier.answers,
        "annotations": dossier.annotations,
    }


def _require(request, scope):
    if scope not in (request.auth.scopes or []):
        raise HttpError(403, f"Ce jeton n’a pas le droit « {scope} » : créez-en un qui l’a.")


@router.get("", response=DossierPage, summary="Liste des dossiers")
def list_dossiers(
    request,
    procedure: int | None = None,
    state: DossierState | None = None,
    after: int = Query(0, ge=0, le=MAX_ID, description="Curseur : numéro du dernier dossier reçu"),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    updated_since: datetime.datetime | None = None,
):
    """Les dossiers déposés des démarches du jeton, par numéro croissant (jamais les brouillons).

    Filtres : `procedure` (identifiant), `state`, `updated_since` (pour synchroniser ce qui a
    changé). Pagination par curseur : `after` = `next_cursor` de la page précédente.
    """
    _require(request, integrations.READ)
    dossiers = integrations.dossiers_for_token(request.auth)
    if procedure is not None:
        dossiers = dossiers.filter(procedure_id=procedure)
    if state is not None:
        dossiers = dossiers.filter(state=state)
    if updated_since is not None:
        dossiers = dossiers.filter(updated_at__gte=updated_since)
    page = list(
        dossiers.filter(pk__gt=after)
        .select_related("applicant", "group", "version")
        .order_by("pk")[: limit + 1]
    )
    more = len(page) > limit
    page = page[:limit]
    return {"items": [_out(d) for d in page], "next_cursor": page[-1].pk if more else None}


class PrefillIn(Schema):
    procedure: int = Field(description="Identifiant de la démarche")
    answers: dict = Field(description="Réponses à pré-remplir, par identifiant de champ")
    days: int = Field(30, ge=1, le=365, description="Durée de validité du lien, en jours")


class PrefillOut(Schema):
    url: str = Field(description="Lien à transmettre à la personne")
    expires_at: datetime.datetime


# Declared before "/{number}": routes are matched in order.
@router.post("/prefill-links", response=PrefillOut, summary="Lien de pré-remplissage")
def create_prefill_link(request, payload: PrefillIn):
    """Un lien signé qui ouvre un nouveau dossier de la démarche déjà rempli avec `answers`
    (droit `dossiers:write`). Aucun dossier n’est créé avant que la personne ouvre le lien et
    confirme ; elle peut ensuite tout corriger. Le lien est inscrit, sans ses réponses, dans la
    liste des liens de la démarche, où un éditeur peut le retirer. 422 avec le détail quand une
    réponse ne convient pas au formulaire publié."""
    from essaim.procedures import prefill

    _require(request, integrations.WRITE)
    procedure = get_object_or_404(
        integrations.procedures_for_token(request.auth), pk=payload.procedure
    )
    try:
        url, expires_at = prefill.make_link(
            procedure, payload.answers, days=payload.days, api_token=request.auth
        )
    except ValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        raise HttpError(422, json.dumps(detail, ensure_ascii=False)) from error
    return {"url": url, "expires_at": expires_at}


def _dossier(request, number):
    return get_object_or_404(
        integrations.dossiers_for_token(request.auth).select_related(
            "applicant", "group", "version"
        ),
        pk=number,
    )


@router.get("/{number}", response=DossierOut, summary="Un dossier")
def get_dossier(request, number: int):
    """Un dossier, désigné par son numéro."""
    _require(request, integrations.READ)
    return _out(_dossier(request, number))


@router.post("/{number}/transitions", response=DossierOut, summary="Changer l’état d’un dossier")
def change_state(request, number: int, payload: TransitionIn):
    """Fait passer le dossier dans un nouvel état (droit `dossiers:write`), comme un
    instructeur : le demandeur est prévenu et les webhooks sont appelés. Une demande de
    correction (`request_correction`) peut porter une date limite (`deadline`). 409 quand le
    changement n’est pas possible depuis l’état du dossier ; 422 quand la date limite ne
    convient pas (mal écrite, passée, ou donnée à un autre changement)."""
    from essaim.procedures import instruction_services

    _require(request, integrations.WRITE)
    dossier = _dossier(request, number)
    try:
        dossier = instruction_services.change_state(
            dossier,
            name=payload.name,
            by=None,
            actor_label=f"Jeton d’API « {request.auth.name} »",
            reason=payload.reason,
            deadline=instruction_services.correction_deadline(payload.deadline),
        )
    except ValidationError as error:
        status = 422 if getattr(error, "code", None) == "deadline" else 409  # value or state
        raise HttpError(status, " ".join(error.messages)) from error
    except Http404:
        raise
    return _out(_dossier(request, dossier.pk))
