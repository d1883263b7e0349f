"""Name and content search under a folder, on every backend; server-side where the server can."""
