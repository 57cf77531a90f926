"""Which dossiers the person behind a request may open as their applicant.

A signed-in applicant owns their dossiers (`Dossier.applicant`). A person without an account
(procedures open to "tout le monde") holds their dossiers through the session, which a secret
resume link (`guests.resume_url`) fills; nobody else can open them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from essaim.procedures.models import Dossier
from essaim.procedures.permissions import can_instruct

SESSION_KEY = "procedures_guest_dossiers"


def guest_dossier_ids(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def remember_guest_dossier(request, dossier) -> None:
    """Let this browser's session open `dossier` as its applicant (a guest's dossier only)."""
    ids = guest_dossier_ids(request)
    if str(dossier.public_id) not in ids:
        request.session[SESSION_KEY] = [*ids, str(dossier.public_id)][-20:]


def is_guest_holder(request, dossier) -> bool:
    return (
        dossier.applicant_id is None
        and bool(dossier.guest_email)
        and str(dossier.public_id) in guest_dossier_ids(request)
    )


def is_owner(request, dossier) -> bool:
    user = request.user
    if user.is_authenticated and user.is_active and dossier.applicant_id == user.pk:
        return True
    return is_guest_holder(request, dossier)


def own_dossier(request, public_id) -> Dossier:
    """The requester's own dossier (account or guest session), else 404."""
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure__organisation", "version", "applicant"),
        public_id=public_id,
    )
    if not is_owner(request, dossier):
        raise Http404
    return dossier


def can_see(request, dossier) -> bool:
    """The applicant (account or guest session) or an instructor of the dossier's group."""
    return is_owner(request, dossier) or can_instruct(request.user, dossier)


def applicant_identity(request):
    """What services receive as `by` for the applicant: the user, or a `Guest` when the
    person has no account."""
    if request.user.is_authenticated:
        return request.user
    return Guest(public_ids=frozenset(guest_dossier_ids(request)))


class Guest:
    """A person without an account, holding the dossiers of their session."""

    is_authenticated = False
    pk = None

    def __init__(self, *, public_ids):
        self.public_ids = public_ids

    def holds(self, dossier) -> bool:
        return (
            dossier.applicant_id is None
            and bool(dossier.guest_email)
            and str(dossier.public_id) in self.public_ids
        )


def applicant_required(view):
    """Let in a signed-in person or a guest holding dossiers; send anyone else to sign in."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or guest_dossier_ids(request):
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapper


def may_download(request, attachment, *, holder: str) -> bool:
    """Whether the link made for `holder` (see `documents.signed_url`) serves `attachment` to
    this request: the same signed-in person or guest session, still allowed to see the dossier;
    or an expert whose opinion request on that dossier is open (form documents only)."""
    if holder.startswith("avis-"):
        from essaim.procedures import opinions
        from essaim.procedures.models import ExpertOpinion

        opinion = ExpertOpinion.objects.filter(
            pk=holder.removeprefix("avis-") or None, dossier_id=attachment.dossier_id
        ).first()
        return opinion is not None and opinions.is_open(opinion) and attachment.message_id is None
    owner = str(request.user.pk) if request.user.is_authenticated else ""
    return owner == holder and can_see(request, attachment.dossier)
