from django.conf import settings

from essaim.core.navigation import SECTIONS


def site(request):
    """The instance's identity and the enabled sign-in providers, for every template."""
    return {
        "site_name": settings.ESSAIM_SITE_NAME,
        # Django's auth views put the request's domain in `site_name`: the shell uses this one.
        "essaim_site_name": settings.ESSAIM_SITE_NAME,
        "site_tagline": settings.ESSAIM_SITE_TAGLINE,
        "site_operator": settings.ESSAIM_OPERATOR,
        "site_logo_lines": settings.ESSAIM_LOGO_TEXT.split("\n"),
        "site_contact_email": settings.ESSAIM_CONTACT_EMAIL,
    }


def navigation(request):
    path = request.path
    return {
        "main_navigation": [
            {"url": s.path, "label": s.label, "current": path.startswith(s.path)} for s in SECTIONS
        ]
    }
