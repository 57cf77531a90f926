"""EMAIL_URL → Django e-mail settings, so one variable configures e-mail like DATABASE_URL."""

from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(url: str) -> dict:
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme not in _BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is unknown; use one of {', '.join(_BACKENDS)}."
        )
    settings = {"EMAIL_BACKEND": _BACKENDS[scheme]}
    if scheme == "file":
        settings["EMAIL_FILE_PATH"] = parsed.path or "var/mail"
    elif scheme.startswith("smtp"):
        options = parse_qs(parsed.query)
        settings.update(
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=parsed.port or {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[scheme],
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_TLS=scheme == "smtp+tls",
            EMAIL_USE_SSL=scheme == "smtp+ssl",
            EMAIL_TIMEOUT=int(options.get("timeout", ["10"])[0]),
        )
    return settings
