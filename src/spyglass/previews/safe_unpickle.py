"""Unpickling that cannot run code: only plain values and NumPy arrays are rebuilt.

HDF5 files written by PyTables and pandas keep some attributes and object columns
as pickles; a file from elsewhere could hold one that calls any function. The
readers are given this in place of `pickle`, so such a pickle fails to load and
its raw bytes are shown instead.
"""

from __future__ import annotations

import io
import pickle
import types
from typing import Any

# What pandas' own HDF5 files need: arrays and their dtypes, nothing that calls out.
_ALLOWED = frozenset(
    {
        ("numpy", "dtype"),
        ("numpy", "ndarray"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "_reconstruct"),
    }
)


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"refused to load {module}.{name} from a pickle")
        return super().find_class(module, name)


def restricted_loads(data: bytes, **options: Any) -> Any:
    return _Restricted(io.BytesIO(data), **options).load()


def restricted_pickle_module() -> types.SimpleNamespace:
    """A stand-in for the `pickle` module whose `loads` is restricted."""
    return types.SimpleNamespace(
        loads=restricted_loads,
        dumps=pickle.dumps,
        HIGHEST_PROTOCOL=pickle.HIGHEST_PROTOCOL,
        UnpicklingError=pickle.UnpicklingError,
    )
