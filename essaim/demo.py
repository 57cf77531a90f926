"""`make demo`: a working Essaim on this machine in one command.

Prepares an SQLite database in var/ (or the one DATABASE_URL names), applies the migrations,
loads the territories and the demonstration data the first time, then runs the web server and
the background worker side by side until Ctrl-C.

Serving choice: gunicorn, as in production, with DEBUG on. With DEBUG on, WhiteNoise serves
the static files straight from the apps' static/ folders (its `use_finders` and `autorefresh`
follow DEBUG), so the demo needs no `collectstatic` and the CSS loads on the first run.
Runserver would work too, but gunicorn is what `make run` and real deployments use.
"""

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class DemoError(Exception):
    """Something the person running the demo can fix; shown without a traceback."""


def main() -> int:
    bind = os.environ.get("BIND", "127.0.0.1:8000")
    host, port = _split_bind(bind)
    _prepare_environment(bind)
    try:
        _check_port_free(host, port)
        _prepare_database()
        children = _start(bind)
    except DemoError as exc:
        print(f"\n✖ {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nDémonstration interrompue avant son démarrage. / Demo interrupted.")
        return 0
    return _supervise(children, f"http://{bind}")


def _split_bind(bind: str) -> tuple[str, int]:
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"BIND={bind!r} : écrivez hôte:port, par exemple 127.0.0.1:8000.")
    return host, int(port)


def _prepare_environment(bind: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "essaim.settings"
    os.environ["ESSAIM_PRODUCTION"] = "false"
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("SITE_URL", f"http://{bind}")
    os.environ.setdefault("EMAIL_URL", "console://")
    # Requests are not logged one by one: the e-mails printed by the worker stay readable.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The default database lives in var/, which SQLite will not create by itself.
    (PROJECT_DIR / "var").mkdir(exist_ok=True)


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise DemoError(
                f"Le port {port} est déjà utilisé ({exc.strerror}). Arrêtez le programme qui "
                f"l’occupe, ou choisissez un autre port : BIND=127.0.0.1:8080 make demo"
            ) from exc


def _prepare_database() -> None:
    import django

    django.setup()
    from django.core.management import call_command, get_commands
    from django.db import connections

    from essaim.core.models import Territory

    print("Essaim — préparation de la démonstration / preparing the demo…")
    call_command("migrate", interactive=False, verbosity=0)
    print("  base de données à jour")
    if not Territory.objects.exists():
        if "load_territories" in get_commands():
            print("  chargement des territoires (la première fois seulement)…")
            call_command("load_territories")
        else:
            print("  territoires : pas encore de commande load_territories, ignoré")
    call_command("load_demo")
    connections.close_all()


def _start(bind: str) -> list[subprocess.Popen]:
    """Start the web server and the worker, each in its own session.

    Their own session keeps the terminal's Ctrl-C away from them: only this supervisor gets it
    and stops each child once, cleanly, with SIGTERM.
    """
    python = sys.executable
    web = [
        python, "-m", "gunicorn", "essaim.wsgi",
        "--bind", bind, "--workers", "2", "--threads", "4", "--preload",
        "--graceful-timeout", "5", "--log-level", "warning",
    ]  # fmt: skip
    worker = [python, "-m", "django", "worker"]
    return [_spawn(web), _spawn(worker)]


def _spawn(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=PROJECT_DIR, start_new_session=True, preexec_fn=_die_with_parent
    )


def _die_with_parent() -> None:
    """Linux: a child gets SIGTERM if the supervisor dies without cleaning up (kill -9)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _supervise(children: list[subprocess.Popen], url: str) -> int:
    stopping = []
    for signum in STOP_SIGNALS:
        signal.signal(signum, lambda signum, frame: stopping.append(signum))
    ready = False
    deadline = time.monotonic() + 60
    while not stopping:
        exited = [child for child in children if child.poll() is not None]
        if exited:
            print("\n✖ Un processus de la démonstration s’est arrêté : arrêt de l’ensemble.")
            _stop(children)
            return 1
        if not ready:
            ready = _answers(f"{url}/healthz")
            if ready:
                _print_banner(url)
            elif time.monotonic() > deadline:
                print(f"\n✖ Le serveur web ne répond pas sur {url} après 60 secondes.")
                _stop(children)
                return 1
        time.sleep(0.2)
    print("\nArrêt d’Essaim… / stopping…")
    _stop(children)
    print("Essaim est arrêté. À bientôt ! / Essaim stopped.")
    return 0


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(children: list[subprocess.Popen]) -> None:
    for signum in STOP_SIGNALS:  # a second Ctrl-C must not interrupt the clean stop
        signal.signal(signum, signal.SIG_IGN)
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + 10
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _print_banner(url: str) -> None:
    from essaim.core.demo_data import DEMO_PASSWORD, demo_accounts

    width = max(len(email) for email, _ in demo_accounts())
    accounts = "\n".join(
        f"    {email.ljust(width)}  {description}" for email, description in demo_accounts()
    )
    print(
        f"""
  ─────────────────────────────────────────────────────────────────────
  Essaim est prêt — Essaim is ready

    Site           {url}/
    Administration {url}/admin/
    API            {url}/api/v1/docs

  Comptes de démonstration — demo accounts
  (mot de passe / password : {DEMO_PASSWORD})
{accounts}

  Les courriels envoyés s’affichent ci-dessous (e-mails are printed below).
  Ctrl-C pour arrêter — press Ctrl-C to stop.
  ─────────────────────────────────────────────────────────────────────
""",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
