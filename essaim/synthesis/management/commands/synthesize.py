from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from essaim.synthesis.engine.files import synthesize_file
from essaim.synthesis.engine.reader import Column

# Share of the progress bar taken by each step (they add up to 100).
STEPS = {
    "Lecture du fichier": 5,
    "Analyse des textes": 45,
    "Vectorisation": 10,
    "Recherche des thèmes": 20,
    "Étiquettes des thèmes": 8,
    "Recherche des doublons": 8,
    "Écriture du rapport": 4,
}


def plural(count: int, singular: str, plural_form: str = "") -> str:
    """« 1 thème », « 0 thème », « 2 thèmes » (French: 0 and 1 take the singular)."""
    return f"{count} {singular if count < 2 else plural_form or singular + 's'}"


class Command(BaseCommand):
    help = (
        "Synthèse d’un fichier CSV de contributions : thèmes avec leur intitulé, leur taille "
        "et des citations, doublons, contributions non classées. Écrit dans le dossier de "
        "sortie contributions.csv (une ligne par ligne lue, dans l’ordre), themes.json et "
        "report.html. Exemple : essaim synthesize contributions.csv --text-column text "
        "--id-column id --out rapport/"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "csv", type=Path, help="Fichier CSV (UTF-8 ou Windows-1252, « , » ou « ; »)."
        )
        parser.add_argument("--text-column", default="text", help="Colonne du texte (%(default)s).")
        parser.add_argument(
            "--id-column",
            default="",
            help="Colonne de l’identifiant (par défaut : le numéro de ligne).",
        )
        parser.add_argument(
            "--question-column", default="", help="Colonne de la question, facultative."
        )
        parser.add_argument(
            "--date-column", default="", help="Colonne de la date (AAAA-MM-JJ), facultative."
        )
        parser.add_argument(
            "--territory-column",
            default="",
            help="Colonne du territoire ou du code postal, facultative.",
        )
        parser.add_argument(
            "--out", type=Path, default=Path("report"), help="Dossier de sortie (%(default)s)."
        )
        parser.add_argument(
            "--themes",
            type=int,
            default=None,
            help="Nombre de thèmes souhaité, environ (par défaut : choisi par le moteur).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="Graine : la même graine donne le même résultat (%(default)s).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args, **options):
        source: Path = options["csv"]
        if not source.is_file():
            raise CommandError(f"Le fichier « {source} » n’existe pas : vérifiez le chemin.")
        if options["themes"] is not None and not 1 <= options["themes"] <= 200:
            raise CommandError("--themes doit être un nombre entre 1 et 200, par exemple 15.")
        columns = Column(
            text=options["text_column"],
            id=options["id_column"],
            question=options["question_column"],
            date=options["date_column"],
            territory=options["territory_column"],
        )
        bar = tqdm(total=100, unit="%", disable=options["no_progress"], file=self.stderr._out)
        done: dict[str, float] = {}

        def progress(step: str, fraction: float) -> None:
            done[step] = max(done.get(step, 0.0), fraction)
            bar.set_description(step)
            bar.n = round(sum(STEPS.get(s, 0) * f for s, f in done.items()), 1)
            bar.refresh()

        try:
            outcome = synthesize_file(source, options["out"], columns, themes=options["themes"],
                                      seed=options["seed"], progress=progress)  # fmt: skip
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        synthesis = outcome.synthesis
        for line in outcome.summary.lines():
            self.stdout.write(line)
        counts = [
            plural(len(synthesis.themes), "thème"),
            plural(len(synthesis.unclassified()), "contribution non classée",
                   "contributions non classées"),
            plural(len(synthesis.duplicate_groups), "groupe de doublons", "groupes de doublons"),
        ]  # fmt: skip
        self.stdout.write(", ".join(counts) + ".")
        for path in outcome.files:
            self.stdout.write(self.style.SUCCESS(f"Écrit : {path}"))
