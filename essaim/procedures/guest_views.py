"""The resume link e-mailed to a person who applies without an account: it opens their
dossier while valid; once expired, its page offers to e-mail a new link (see `guests`)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from essaim.procedures import access, guests
from essaim.procedures.models import Dossier

T = "procedures/apply/"


def _dossier(token):
    """(dossier or None, expired) named by a genuine resume token."""
    public_id, expired = guests.read_token(token)
    if not public_id:
        return None, False
    dossier = (
        Dossier.objects.filter(public_id=public_id, applicant__isnull=True)
        .exclude(guest_email="")
        .select_related("procedure")
        .first()
    )
    return dossier, expired


def _invalid(request):
    return render(request, T + "resume_invalid.html", status=404)


@require_GET
def resume(request, token):
    dossier, expired = _dossier(token)
    if dossier is None:
        return _invalid(request)
    if expired:
        context = {"dossier": dossier, "token": token, "days": guests.validity_days()}
        return render(request, T + "resume_expired.html", context, status=410)
    access.remember_guest_dossier(request, dossier)
    return redirect("procedures:dossier", public_id=dossier.public_id)


@require_POST
def resume_renew(request, token):
    """E-mail a new link to the address given at the start (never to one typed here)."""
    dossier, _expired = _dossier(token)
    if dossier is None:
        return _invalid(request)
    context = {
        "dossier": dossier,
        "days": guests.validity_days(),
        "email": guests.masked_email(dossier.guest_email),
        "sent": guests.send_new_link(dossier),
    }
    return render(request, T + "resume_renewed.html", context)
