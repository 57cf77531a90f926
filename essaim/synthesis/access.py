"""Loading a synthesis in a view with the right check: login, then 403 with a French reason."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from essaim.core.refusals import forbidden_page
from essaim.synthesis import permissions
from essaim.synthesis.models import Synthesis


def refuse(request, message=None):
    return forbidden_page(
        request,
        message or _("Seuls les membres de l’organisation de cette synthèse peuvent faire cela."),
        back_url="/syntheses/",
        back_label=_("Retour aux synthèses"),
    )


def synthesis_view(*, coordinate: bool = False):
    """Load `pk`; let through who may see it (or coordinate it), refuse everyone else."""
    rule = permissions.can_coordinate if coordinate else permissions.can_view

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            synthesis = get_object_or_404(
                Synthesis.objects.select_related("organisation", "campaign", "validated_by"),
                pk=pk,
            )
            if not rule(request.user, synthesis):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                return refuse(request)
            return view(request, synthesis, *args, **kwargs)

        return wrapper

    return decorator
