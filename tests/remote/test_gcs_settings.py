"""gcsfs reads a setting when it is imported: spyglass must set it before any import of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import isolated_env
from tests.remote.conftest import BUCKET, Servers

SETTING = "GCSFS_EXPERIMENTAL_ZB_HNS_SUPPORT"


def test_cat_from_a_gcs_emulator_works_without_the_setting_in_the_environment(
    servers: Servers, tmp_path: Path
) -> None:
    case = servers.case("gcs")
    env = isolated_env(tmp_path)
    for name in (SETTING, "STORAGE_EMULATOR_HOST"):
        env.pop(name, None)  # as a user has it: spyglass alone must take care of it
    endpoint = str(case.options["endpoint_url"])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "spyglass",
            "cat",
            f"gs://{BUCKET}/data/hello.txt",
            "-k",
            f"endpoint_url={endpoint}",
            "--timeout",
            "30",
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "hello from spyglass"
