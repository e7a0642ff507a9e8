"""Which BLAS multiplies spaCy's matrices.

thinc, under spaCy, multiplies matrices with blis, which picks kernels for the CPU it
runs on. On a CPU newer than its kernels it falls back to its generic C code
(``bli_sgemm_generic_ref``), which then dominates the model's time. numpy's OpenBLAS knows
such CPUs and parses faster on one thread, with the same tags, parses and entities. So
when blis would run its generic code, :func:`prefer_numpy_blas` makes thinc use numpy's
BLAS, limited to one thread (a process parses on one core; ``--workers`` adds cores).
"""

from __future__ import annotations

import ctypes
import platform

from thinc.api import NumpyOps, get_current_ops, set_current_ops
from threadpoolctl import threadpool_limits


def blis_arch() -> str | None:
    """The kernels blis chose for this CPU ("haswell", "zen2", "generic"...), or None when
    blis cannot say."""
    try:
        import blis.cy

        library = ctypes.CDLL(blis.cy.__file__)
        library.bli_arch_string.restype = ctypes.c_char_p
        return library.bli_arch_string(library.bli_arch_query_id()).decode()
    except (ImportError, OSError, AttributeError, UnicodeDecodeError):
        return None


def prefer_numpy_blas() -> bool:
    """Make thinc multiply with numpy's BLAS, on one thread, when it computes on this x86
    CPU (not a GPU) and blis has only its generic code for it; call before loading a model.

    Returns:
        True when thinc now uses numpy's BLAS.
    """
    current = get_current_ops()
    if (type(current) is not NumpyOps or platform.machine() not in ("x86_64", "AMD64")
            or blis_arch() != "generic"):
        return False
    if current.use_blis:
        set_current_ops(NumpyOps(use_blis=False))
        threadpool_limits(limits=1, user_api="blas")
    return True
