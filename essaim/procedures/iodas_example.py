"""Example: pushing Essaim's dossiers into a business tool (an IODAS-like « logiciel métier »).

Run it next to the business tool, and set its address as the procedure's webhook (page
« Intégrations » of the procedure, or ``Webhook.objects.create(procedure=…, url=…)``):

    ESSAIM_WEBHOOK_SECRET=<the webhook's secret> python -m essaim.procedures.iodas_example 8765

For every state change Essaim POSTs a signed JSON payload (see `essaim.procedures.webhooks`).
This receiver:

1. checks the signature (`Essaim-Signature`, HMAC-SHA256 over timestamp and body, 5 minutes
   of tolerance) and answers 401 when it is wrong — never trust an unsigned payload;
2. ignores a delivery it has already processed (`Idempotency-Key`): Essaim retries until it
   gets a 2xx, so a receiver that crashed after processing may see the same delivery again;
3. maps the dossier to the flat record the business tool imports (`to_business_record`: the
   MDPH's IODAS takes one line per request with its own field codes) and hands it over
   (`BusinessTool.import_record`: here a list; in real life an INSERT into the tool's import
   table, a file dropped in its watched folder, or a call to its own API);
4. answers 2xx only once the record is safely stored, so a failure is retried by Essaim
   (30 s, 2 min, 8 min… with every attempt in the delivery log of the procedure).

Pure standard library, so it runs anywhere Python 3.11 does; the tests start it for real.
"""

import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from essaim.procedures.integrations_signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify

# Essaim state → the business tool's status codes (an example mapping).
STATUS_CODES = {
    "submitted": "DEP",  # déposé
    "correction_requested": "INC",  # incomplet
    "in_instruction": "INS",
    "accepted": "ACC",
    "refused": "REF",
    "without_follow_up": "CSS",  # classé sans suite
}
# Essaim field key → the business tool's field code (set up once per procedure).
FIELD_CODES = {"nom": "BEN_NOM", "prenom": "BEN_PRENOM", "nir": "BEN_NIR", "montant": "MNT_DEM"}


def to_business_record(payload: dict) -> dict:
    """The flat record the business tool imports, from one webhook payload."""
    dossier = payload["dossier"]
    record = {
        "REF_EXTERNE": f"ESSAIM-{dossier['number']}",
        "STATUT": STATUS_CODES.get(payload["transition"]["to"], "AUT"),
        "DATE_DEPOT": (dossier.get("submitted_at") or "")[:10],
        "MOTIF": payload["transition"].get("reason", ""),
    }
    for key, code in FIELD_CODES.items():
        value = (dossier.get("answers") or {}).get(key)
        if value is not None:
            record[code] = value
    return record


class BusinessTool:
    """Stands for the business tool's import interface (thread-safe, idempotent)."""

    def __init__(self):
        self.records: list[dict] = []
        self.seen: set[str] = set()
        self._lock = threading.Lock()

    def import_record(self, key: str, record: dict) -> bool:
        """Store `record` once per idempotency `key`; False when already imported."""
        with self._lock:
            if key in self.seen:
                return False
            self.seen.add(key)
            self.records.append(record)
            return True


def make_handler(secret: str, tool: BusinessTool):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not verify(secret=secret, body=body, header=self.headers.get(SIGNATURE_HEADER, "")):
                return self._answer(401, {"error": "bad signature"})
            payload = json.loads(body)
            key = self.headers.get(IDEMPOTENCY_HEADER) or payload["idempotency_key"]
            imported = tool.import_record(key, to_business_record(payload))
            return self._answer(200, {"imported": imported})

        def _answer(self, status, data):
            out = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, format, *args):  # personal data never goes to logs
            pass

    return Handler


def serve(port: int, secret: str, tool: BusinessTool | None = None) -> ThreadingHTTPServer:
    """A receiver listening on 127.0.0.1:`port` (0: any free port), not yet started."""
    return ThreadingHTTPServer(("127.0.0.1", port), make_handler(secret, tool or BusinessTool()))


if __name__ == "__main__":  # pragma: no cover
    server = serve(int(sys.argv[1]), os.environ["ESSAIM_WEBHOOK_SECRET"])
    server.serve_forever()
