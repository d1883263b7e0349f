"""moto's S3 server with many objects already in a bucket, put straight into its store.

20,000 uploads over HTTP take moto minutes; put into its backend before it
serves, they take a second. Run: python seeded_moto_server.py PORT BUCKET PREFIX COUNT
"""

from __future__ import annotations

import sys
import time


def main() -> None:
    port, bucket, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends
    from moto.server import ThreadedMotoServer

    store = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
    store.create_bucket(bucket, "us-east-1")
    for index in range(count):
        store.put_object(bucket, f"{prefix}/item{index:05d}.txt", b"x")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(port))
    server.start()
    while True:  # until the test kills the process, as a crashed server would go
        time.sleep(3600)


if __name__ == "__main__":
    main()
