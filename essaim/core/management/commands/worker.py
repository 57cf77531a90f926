"""`essaim worker`: django-tasks-db's `db_worker`, with Essaim's queues and a plain-words help."""

from django.conf import settings
from django_tasks_db.management.commands import db_worker

HELP = {
    "queue_name": (
        "Files d’attente à traiter, séparées par des virgules ; « * » pour toutes. "
        "Par défaut : %(default)s."
    ),
    "exclude_queues": (
        "Files à ignorer (avec --queue-name='*' seulement), séparées par des virgules."
    ),
    "interval": (
        "Secondes d’attente entre deux recherches quand il n’y a rien à faire "
        "(par défaut : %(default)s)."
    ),
    "batch": "Traite les tâches en attente puis s’arrête (utile dans un cron ou un test).",
    "reload": "Redémarre quand le code change (développement seulement ; désactivé par défaut).",
    "backend_name": "Le moteur de tâches à utiliser (par défaut : %(default)s).",
    "startup_delay": "Démarre tout de suite, sans la petite attente aléatoire de démarrage.",
    "max_tasks": "S’arrête après ce nombre de tâches (un superviseur le relancera à neuf).",
    "worker_id": "Identifiant de ce processus, unique parmi tous les workers (tiré au hasard).",
}


class Command(db_worker.Command):
    help = (
        "Exécute les tâches de fond d’Essaim : envoi des courriels, synthèses, exports, "
        "appels aux services extérieurs. Les tâches sont enregistrées dans la base de données "
        "avec les données qui les ont créées : rien ne se perd si le worker est arrêté. "
        "Lancez-en autant que nécessaire, sur une ou plusieurs machines reliées à la même base "
        "PostgreSQL : ils se partagent le travail sans jamais faire deux fois la même tâche. "
        "Arrêt propre par Ctrl-C ou SIGTERM : la tâche en cours se termine d’abord."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(
            queue_name=",".join(settings.TASKS["default"].get("QUEUES", ["default"])),
            reload=False,
        )
        # Keep db_worker's options (and so its behaviour), reword their help in French.
        for action in parser._actions:
            if action.dest in HELP:
                action.help = HELP[action.dest]
