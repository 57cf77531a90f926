"""Time and memory of one synthesis of N answers, in a process of its own.

    python -m bench.synthesis.speed 100000 /path/to/granddebat_answers_by_question
prints one JSON line: wall and CPU seconds (loading the corpus excluded), peak memory.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

from bench.synthesis.corpora import answers
from essaim.synthesis.engine import synthesize


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    contributions = answers(folder, count)
    load = os.getloadavg()[0]
    started, cpu = time.monotonic(), cpu_seconds()
    synthesis = synthesize(contributions, seed=0)
    print(json.dumps({
        "count": count,
        "seconds": time.monotonic() - started,
        "cpu_seconds": cpu_seconds() - cpu,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "themes": len(synthesis.themes),
        "unclassified": len(synthesis.unclassified()),
        "duplicate_groups": len(synthesis.duplicate_groups),
        "load": load,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
