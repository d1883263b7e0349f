"""Import one module in a fresh interpreter; print how long it took and which heavy modules came.

Run as a script (`python bench/import_probe.py MODULE`) so nothing else is imported first.
"""

from __future__ import annotations

import importlib
import json
import sys
import time

# Start-up must not pay for these: data, imaging, remote filesystems and cloud SDKs.
HEAVY_MODULES = (
    "pandas",
    "pyarrow",
    "PIL",
    "fsspec",
    "s3fs",
    "gcsfs",
    "adlfs",
    "paramiko",
    "botocore",
    "aiobotocore",
    "google.cloud.storage",
    "azure.storage.blob",
)


def probe(module: str) -> dict[str, object]:
    started = time.perf_counter()
    importlib.import_module(module)
    seconds = time.perf_counter() - started
    loaded = [name for name in HEAVY_MODULES if name in sys.modules]
    return {"module": module, "seconds": seconds, "heavy": loaded}


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1])))
