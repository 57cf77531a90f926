"""The one "Accès refusé" page (403) every app shows, with its own way back."""

from django.shortcuts import render


def forbidden_page(request, message, *, back_url, back_label):
    """A 403 page in French saying why, with a link back to the section the person came from."""
    context = {"message": message, "back_url": back_url, "back_label": back_label}
    return render(request, "core/forbidden.html", context, status=403)
