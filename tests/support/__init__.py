"""What the tests share: a counting backend, a fresh memory filesystem, waiting for the app."""
