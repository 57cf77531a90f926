"""Templated e-mails, rendered and sent from a background task.

Usage from a service (the e-mail leaves only once the transaction commits)::

    from essaim.core.emails import enqueue_templated_email

    enqueue_templated_email(
        to="someone@example.org",
        template_prefix="accounts/emails/confirm",
        context={"confirm_url": absolute_url(reverse("accounts:confirm", args=[token]))},
    )

A prefix ``app/emails/name`` needs three templates: ``name_subject.txt`` (one line),
``name.txt`` (plain text) and ``name.html`` (HTML, may extend ``emails/base.html``).
The context must be JSON-serialisable (tasks take plain data); ``site_name`` and ``site_url``
are always added.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


def absolute_url(path: str) -> str:
    """`path` (as returned by `reverse`) made absolute with settings.SITE_URL."""
    return f"{settings.SITE_URL}{path}"


def _recipients(to) -> list[str]:
    return [to] if isinstance(to, str) else list(to)


def send_templated_email(
    *, to, template_prefix: str, context: dict, attachments=(), headers=None
) -> None:
    """Render `template_prefix`'s subject, text and HTML templates in French and send them.

    `attachments`: `(filename, content, mimetype)` triples (e.g. an .ics invitation);
    `headers`: extra e-mail headers (e.g. List-Unsubscribe).
    Side effects: sends one e-mail (to one address or a list of addresses).
    """
    context = {
        "site_name": settings.ESSAIM_SITE_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        subject = " ".join(subject.split())
        text = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=_recipients(to), headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


@task(queue_name="email")
def send_email_task(*, to, template_prefix: str, context: dict) -> None:
    """Background task around `send_templated_email` (arguments must be JSON-serialisable)."""
    send_templated_email(to=to, template_prefix=template_prefix, context=context)


def enqueue_templated_email(*, to, template_prefix: str, context: dict) -> None:
    """Enqueue `send_email_task` once the current transaction commits.

    Side effects: on commit, enqueues one task that sends one e-mail.
    """
    to = _recipients(to)
    transaction.on_commit(
        lambda: send_email_task.enqueue(to=to, template_prefix=template_prefix, context=context)
    )
