import pytest
from django.core.exceptions import ImproperlyConfigured

from essaim.core.email_url import parse_email_url


def test_email_url_console_prints_mail():
    assert parse_email_url("console://") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


def test_email_url_file_keeps_path():
    settings = parse_email_url("file:///var/spool/essaim")
    assert settings["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
    assert settings["EMAIL_FILE_PATH"] == "/var/spool/essaim"


def test_email_url_smtp_with_credentials_decodes_them():
    settings = parse_email_url("smtp+tls://lab%40exemple.fr:p%40ss%3Aw0rd@smtp.exemple.fr:2525")
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.exemple.fr",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "lab@exemple.fr",
        "EMAIL_HOST_PASSWORD": "p@ss:w0rd",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


@pytest.mark.parametrize(
    "url, port, tls, ssl",
    [
        ("smtp://relais.local", 25, False, False),
        ("smtp+tls://relais.local", 587, True, False),
        ("smtp+ssl://relais.local", 465, False, True),
    ],
)
def test_email_url_smtp_default_port_follows_scheme(url, port, tls, ssl):
    settings = parse_email_url(url)
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (
        port,
        tls,
        ssl,
    )
    assert settings["EMAIL_HOST_USER"] == "" and settings["EMAIL_HOST_PASSWORD"] == ""


def test_email_url_smtp_timeout_from_query():
    assert parse_email_url("smtp://relais.local?timeout=3")["EMAIL_TIMEOUT"] == 3


def test_email_url_unknown_scheme_lists_the_valid_ones():
    with pytest.raises(ImproperlyConfigured, match="'sendmail' is unknown; use one of console"):
        parse_email_url("sendmail://localhost")
