"""Alerts: anyone saves a catalogue search and receives its new or changed initiatives by e-mail.

Life of an alert: `create_alert` (an e-mail asks to confirm) → `confirm_alert` → digests, daily
or weekly, sent by `send_alert_digest` tasks that `essaim send_alerts --frequency …` enqueues
(run it from cron: daily every morning, weekly once a week) → `unsubscribe` from the one-click
signed link of every digest (also announced in the List-Unsubscribe header, RFC 8058).

A digest lists the published initiatives that match the search and were published or changed
since the previous digest (or the confirmation). Each initiative is sent at most once per alert:
`AlertDelivery` records what was sent, so a task run twice sends nothing twice.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from essaim.catalogue.alerts_models import Alert, AlertDelivery, AlertFrequency
from essaim.catalogue.filters import Filters
from essaim.catalogue.queries import search_initiatives
from essaim.core.emails import absolute_url, enqueue_templated_email

UNSUBSCRIBE_SALT = "catalogue.alert.unsubscribe"
DIGEST_LIMIT = 30
# A digest is due when the previous one is older than this (cron may run a little early).
MIN_INTERVAL = {
    AlertFrequency.DAILY: dt.timedelta(hours=20),
    AlertFrequency.WEEKLY: dt.timedelta(days=6, hours=12),
}


def normalised_query(filters: Filters) -> str:
    """The search as stored: the list's query string, without page, in a stable order."""
    return filters.querystring().lstrip("?")


def filters_of(alert: Alert) -> Filters:
    return Filters.from_querydict(QueryDict(alert.query))


def unsubscribe_token(alert: Alert) -> str:
    return signing.dumps(alert.pk, salt=UNSUBSCRIBE_SALT)


def alert_from_token(token: str) -> Alert | None:
    """The alert a signed unsubscribe token designates, or None if tampered with."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Alert.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def _search_url(alert: Alert) -> str:
    query = f"?{alert.query}" if alert.query else ""
    return absolute_url(reverse("catalogue:list") + query)


@transaction.atomic
def create_alert(*, email: str, filters: Filters, frequency: str) -> Alert:
    """Save a search for `email` and ask for confirmation (never two alerts for one search).

    Side effects: creates an Alert, or updates the frequency of the same search for the same
    address (re-activating it if unsubscribed); e-mails a confirmation link (on commit) unless
    the alert is already confirmed and active.
    """
    email = email.strip().lower()
    alert, _created = Alert.objects.get_or_create(
        email=email, query=normalised_query(filters), defaults={"frequency": frequency}
    )
    alert.frequency = frequency
    if alert.unsubscribed_at is not None:
        alert.unsubscribed_at = alert.confirmed_at = None
    alert.save()
    if not alert.is_active:
        enqueue_templated_email(
            to=email,
            template_prefix="catalogue/alerts/emails/confirm",
            context={
                "confirm_url": absolute_url(reverse("catalogue:alert_confirm", args=[alert.token])),
                "search_url": _search_url(alert),
                "frequency": alert.get_frequency_display(),
            },
        )
    return alert


def confirm_alert(alert: Alert) -> Alert:
    """Start the alert. Side effects: saves confirmed_at and last_sent_at (now): the first
    digest lists what appears after the confirmation."""
    if alert.is_active:
        return alert
    now = timezone.now()
    alert.confirmed_at = alert.last_sent_at = now
    alert.unsubscribed_at = None
    alert.save(update_fields=["confirmed_at", "last_sent_at", "unsubscribed_at"])
    return alert


def unsubscribe(alert: Alert) -> Alert:
    """Stop the alert. Side effects: saves unsubscribed_at (kept if already set)."""
    if alert.unsubscribed_at is None:
        alert.unsubscribed_at = timezone.now()
        alert.save(update_fields=["unsubscribed_at"])
    return alert


def resubscribe(alert: Alert) -> Alert:
    """Undo an unsubscription made by mistake. Side effects: clears unsubscribed_at."""
    if alert.unsubscribed_at is not None and alert.confirmed_at is not None:
        alert.unsubscribed_at = None
        alert.save(update_fields=["unsubscribed_at"])
    return alert


def pending_initiatives(alert: Alert, *, since=None):
    """Published initiatives matching the alert, new or changed since the last digest and
    never sent for it, most recent first."""
    since = since or alert.last_sent_at or alert.confirmed_at or alert.created_at
    return (
        search_initiatives(filters_of(alert))
        .filter(Q(published_at__gt=since) | Q(updated_at__gt=since))
        .exclude(alert_deliveries__alert=alert)
        .order_by("-published_at", "-pk")
    )


@task(queue_name="email")
def send_alert_digest(*, alert_id: int) -> int:
    """Send one alert's digest, if it has anything new; returns the number of initiatives sent.

    Side effects: sends at most one e-mail; records an AlertDelivery per initiative listed;
    saves last_sent_at. Safe to run twice (nothing is sent twice).
    """
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None or not alert.is_active:
        return 0
    started, previous = timezone.now(), alert.last_sent_at or alert.confirmed_at
    with transaction.atomic():
        initiatives = list(pending_initiatives(alert)[: DIGEST_LIMIT + 1])
        shown = initiatives[:DIGEST_LIMIT]
        if shown:
            AlertDelivery.objects.bulk_create(
                [AlertDelivery(alert=alert, initiative=i) for i in shown], ignore_conflicts=True
            )
        alert.last_sent_at = started
        alert.save(update_fields=["last_sent_at"])
    if shown:
        _send_digest_email(alert, shown, since=previous, more=len(initiatives) > DIGEST_LIMIT)
    return len(shown)


def _send_digest_email(alert: Alert, initiatives, *, since, more: bool) -> None:
    unsubscribe_url = absolute_url(
        reverse("catalogue:alert_unsubscribe", args=[unsubscribe_token(alert)])
    )
    context = {
        "site_name": settings.ESSAIM_SITE_NAME,
        "site_url": settings.SITE_URL,
        "items": [
            {
                "title": i.title,
                "pitch": i.pitch,
                "url": absolute_url(i.get_absolute_url()),
                "is_new": i.published_at is not None and since and i.published_at > since,
            }
            for i in initiatives
        ],
        "more": more,
        "search_url": _search_url(alert),
        "unsubscribe_url": unsubscribe_url,
        "frequency": alert.get_frequency_display(),
    }
    prefix = "catalogue/alerts/emails/digest"
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}.txt", context)
        html = render_to_string(f"{prefix}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[alert.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()


def enqueue_due_alerts(*, frequency: str, now=None) -> int:
    """Enqueue a digest task for every active alert of `frequency` whose last digest is old
    enough; returns how many. Side effects: enqueues tasks once the transaction commits."""
    now = now or timezone.now()
    due = Alert.objects.active().filter(frequency=frequency)
    due = due.filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - MIN_INTERVAL[frequency])
    )
    ids = list(due.values_list("pk", flat=True))
    for alert_id in ids:
        transaction.on_commit(
            lambda alert_id=alert_id: send_alert_digest.enqueue(alert_id=alert_id)
        )
    return len(ids)


def describe_search(filters: Filters) -> list[str]:
    """The search in plain French, one criterion per item (empty: the whole catalogue)."""
    from essaim.accounts.models import Organisation, OrganisationKind
    from essaim.catalogue.models import Beneficiary, Stage, Theme
    from essaim.core.models import Territory

    parts = [_("mots : « %(q)s »") % {"q": filters.q}] if filters.q else []
    named = [
        (_("thème"), Theme.objects.filter(slug__in=filters.themes).values_list("name", flat=True)),
        (_("étape"), [str(label) for value, label in Stage.choices if value in filters.stages]),
        (
            _("région"),
            Territory.objects.filter(level="region", code__in=filters.regions).values_list(
                "name", flat=True
            ),
        ),
        (
            _("département"),
            Territory.objects.filter(level="department", code__in=filters.departments).values_list(
                "name", flat=True
            ),
        ),
        (
            _("porteur"),
            [
                str(label)
                for value, label in OrganisationKind.choices
                if value in filters.carrier_kinds
            ],
        ),
        (
            _("laboratoire"),
            Organisation.objects.filter(slug__in=filters.labs, kind="lab").values_list(
                "name", flat=True
            ),
        ),
        (
            _("bénéficiaires"),
            [str(label) for value, label in Beneficiary.choices if value in filters.beneficiaries],
        ),
    ]
    parts += [f"{label} : {', '.join(values)}" for label, values in named if list(values)]
    if filters.spread:
        parts.append(_("initiatives qui ont essaimé"))
    return parts
