"""Decoding of untrusted bytes in a child process that can be killed and is capped.

A Python thread stuck in C code (zlib, pyarrow, Pillow, sqlite, a regex) can be
neither cancelled nor bounded in memory, and it holds up quitting. So every
decode step runs in a child process: the parent does the IO and answers the
child's reads, and kills the child when the user moves on, when it runs past its
deadline or when it uses more memory than allowed.
"""
