from django.core.management.base import BaseCommand

from essaim.agenda.registrations import send_reminders


class Command(BaseCommand):
    help = (
        "Envoie le rappel de la veille aux personnes inscrites aux événements qui commencent "
        "dans les 36 prochaines heures (à lancer chaque heure, par exemple avec cron ; "
        "sans effet pour les rappels déjà envoyés)."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} rappel(s) programmé(s).")
