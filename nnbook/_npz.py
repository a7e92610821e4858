"""Write ``.npz`` files whose bytes depend only on the arrays in them.

``np.savez_compressed`` stamps every member of the zip archive with the
current time, so saving the same arrays twice gives different files and a
different SHA-256. Files shipped in ``data/`` are checked against a SHA-256
recorded in the code, so the scripts that rebuild them use this instead.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip file can record


def deterministic_npz(arrays: dict[str, np.ndarray]) -> bytes:
    """The bytes of a compressed ``.npz`` holding ``arrays``, in their order, without pickle."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(array, order="C"), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()
