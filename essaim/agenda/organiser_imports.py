"""Import many events from a file, all or nothing.

`run_import` reads the file (`imports.parse_csv` / `parse_openagenda`), checks each event
against what is already in the database (the same reference imported before), and then, only
if every row is good, creates every event in one transaction. Otherwise nothing is written but
the `EventImport` that records the row-by-row report.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from essaim.agenda import services
from essaim.agenda.enums import ACCESSIBILITY_FLAGS, PublicStatus
from essaim.agenda.imports import (
    ImportFileError,
    ImportReport,
    RowError,
    parse_csv,
    parse_openagenda,
)
from essaim.agenda.imports.vocabulary import build_vocabulary
from essaim.agenda.models import Event, EventImport
from essaim.agenda.registration_models import ImportSource
from essaim.catalogue.models import Theme

# Statuses of OpenAgenda that exist here (a rescheduled event is simply scheduled again).
_STATUSES = {
    "postponed": PublicStatus.POSTPONED,
    "moved_online": PublicStatus.MOVED_ONLINE,
    "full": PublicStatus.FULL,
    "cancelled": PublicStatus.CANCELLED,
}


class _Rollback(Exception):
    """Raised inside the import transaction to undo every event already created."""


def source_of(filename: str, data: bytes) -> str:
    """OpenAgenda for a .json file (or content that starts like JSON), else CSV."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if filename.lower().endswith(".json") or head in (b"{", b"["):
        return ImportSource.OPENAGENDA
    return ImportSource.CSV


def external_id(imported) -> str:
    """The file's own reference, or a fingerprint of the title and first start."""
    if imported.source_id:
        return imported.source_id
    first = imported.sessions[0][0].isoformat() if imported.sessions else ""
    digest = hashlib.sha256(f"{imported.title}|{first}".encode()).hexdigest()[:24]
    return f"empreinte-{digest}"


def _check_against_database(report: ImportReport, *, organiser, source) -> None:
    """Row errors for references imported before or repeated within the file."""
    seen = {}
    for imported in list(report.events):
        key = external_id(imported)
        if key in seen:
            report.errors.append(
                RowError(
                    line=imported.line,
                    column=_("référence"),
                    message=_(
                        "Même événement que la ligne %(line)s (même référence, ou même titre et "
                        "même début) : supprimez le doublon."
                    )
                    % {"line": seen[key]},
                )
            )
        seen[key] = imported.line
    existing = set(
        Event.objects.filter(
            organiser=organiser, external_source=source, external_id__in=list(seen)
        ).values_list("external_id", flat=True)
    )
    for imported in report.events:
        if external_id(imported) in existing:
            report.errors.append(
                RowError(
                    line=imported.line,
                    column=_("référence"),
                    message=_(
                        "Cet événement a déjà été importé pour cette organisation : modifiez-le "
                        "sur Essaim, ou retirez cette ligne du fichier."
                    ),
                )
            )
    bad = {error.line for error in report.errors}
    report.events = [event for event in report.events if event.line not in bad]


def _check_programme_dates(report: ImportReport, *, programme) -> None:
    """Row errors for events that take place at no time during `programme`, or on site
    outside its territories (the rules are `services.check_programme_dates` and
    `services.check_programme_territory`). The rows stay in the report, titled."""
    if programme is None:
        return
    for imported in list(report.events):
        try:
            services.check_programme_dates(programme, imported.sessions)
        except ValidationError as error:
            report.errors.append(
                RowError(line=imported.line, column=_("séances"), message=error.messages[0])
            )
        try:
            services.check_programme_territory(
                programme, mode=imported.mode, commune=imported.commune
            )
        except ValidationError as error:
            report.errors.append(
                RowError(line=imported.line, column=_("commune"), message=error.messages[0])
            )


def _report_rows(report: ImportReport, *, imported: bool) -> list[dict]:
    rows = {}
    for event in report.events:
        rows[event.line] = {"row": event.line, "title": event.title, "ok": imported, "errors": []}
    for error in report.errors:
        row = rows.setdefault(
            error.line, {"row": error.line, "title": "", "ok": False, "errors": []}
        )
        row["ok"] = False
        where = f"« {error.column} »"
        value = f" (« {error.value} »)" if error.value else ""
        row["errors"].append(f"{where}{value} : {error.message}")
    return [rows[line] for line in sorted(rows)]


def _create(imported, *, organiser, programme, source, by, themes) -> Event:
    event = Event(
        programme=programme,
        organiser=organiser,
        title=imported.title,
        summary=imported.summary,
        description=imported.description,
        format=imported.format,
        mode=imported.mode,
        commune=imported.commune,
        venue=imported.venue,
        address=imported.address,
        online_url=imported.online_url,
        online_url_registrants_only=imported.online_url_private,
        audiences=imported.audiences,
        language=imported.language,
        registration_mode=imported.registration,
        registration_url=imported.registration_url,
        capacity=imported.capacity,
        replay_url=imported.replay_url,
        latitude=imported.latitude,
        longitude=imported.longitude,
        status=_STATUSES.get(imported.status, PublicStatus.SCHEDULED),
        external_source=source,
        external_id=external_id(imported),
    )
    for field in ACCESSIBILITY_FLAGS:
        setattr(event, field, field in imported.accessibility)
    event.full_clean(
        exclude=["slug", "commune", "programme", "organiser", "search_document", "search_vector"]
    )
    return services.save_event(
        event,
        by=by,
        sessions=imported.sessions,
        speakers=imported.speakers,
        themes=[themes[slug] for slug in imported.themes if slug in themes],
    )


def _validation_messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(
            f"{field} : {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def run_import(
    *, data: bytes, filename: str, organiser, programme=None, by, submit=False, default_format=""
) -> EventImport:
    """Read `data`, then create all its events or none; return the recorded `EventImport`.

    Events are drafts of `organiser` (in `programme` when given) and are submitted to the
    programme's coordinators when `submit` is true. Side effects: saves one `EventImport` with
    the row-by-row report; when every row is good, saves every event with its sessions,
    speakers and themes (and their moderation log when submitted), in one transaction.
    """
    source = source_of(filename, data)
    record = EventImport(
        organiser=organiser,
        programme=programme,
        source=source,
        filename=filename[:255],
        created_by=by,
    )
    record.warnings = []  # shown on the page, not stored
    vocabulary = build_vocabulary()
    try:
        if source == ImportSource.OPENAGENDA:
            report = parse_openagenda(data, vocabulary=vocabulary, default_format=default_format)
        else:
            report = parse_csv(data, vocabulary=vocabulary)
    except ImportFileError as error:
        record.report = [{"row": 0, "title": "", "ok": False, "errors": [str(error)]}]
        record.save()
        return record
    record.warnings = report.warnings
    _check_against_database(report, organiser=organiser, source=source)
    _check_programme_dates(report, programme=programme)
    if report.errors:
        return _save_failure(record, report)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    try:
        with transaction.atomic():
            failed = []
            for imported in report.events:
                try:
                    with transaction.atomic():
                        event = _create(
                            imported,
                            organiser=organiser,
                            programme=programme,
                            source=source,
                            by=by,
                            themes=themes,
                        )
                        if submit and programme is not None:
                            services.submit(event, by=by)
                except ValidationError as error:
                    failed.append(
                        RowError(imported.line, _("(ligne entière)"), _validation_messages(error))
                    )
            if failed:
                report.errors.extend(failed)
                raise _Rollback
            record.succeeded = True
            record.imported_count = len(report.events)
            record.report = _report_rows(report, imported=True)
            record.save()
    except _Rollback:
        return _save_failure(record, report)
    except IntegrityError:
        report.errors.append(
            RowError(
                0,
                "—",
                _(
                    "Le même fichier vient d’être importé en même temps : rechargez la liste de "
                    "vos événements avant de réessayer."
                ),
            )
        )
        return _save_failure(record, report)
    return record


def _save_failure(record: EventImport, report: ImportReport) -> EventImport:
    record.pk = None
    record.succeeded = False
    record.imported_count = 0
    record.rejected_count = len({error.line for error in report.errors})
    record.report = _report_rows(report, imported=False)
    record.save()
    return record
