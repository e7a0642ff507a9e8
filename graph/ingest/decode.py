"""Reading files as text, with plain-words errors for everything that is not UTF-8 text."""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import InputError

BOM = "\ufeff"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """The text with every character that cannot be stored replaced, one for one.

    A lone UTF-16 surrogate (which JSON's ``"\\ud800"`` escapes can produce) cannot be
    encoded as UTF-8; it becomes U+FFFD. The length is kept, so offsets still index the
    text as given.

    >>> clean("gate \\ud800 shut") == "gate \\ufffd shut"
    True
    """
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def read_bytes(path: Path) -> bytes:
    """The content of a file.

    Raises:
        InputError: when it is missing or cannot be read.
    """
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a folder, not a file") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc


def decode(data: bytes, source: str) -> str:
    """Decode a file's content as UTF-8 text, without a leading byte-order mark.

    The stored text is the one returned here, so offsets index the text without the mark.

    Args:
        data: The raw content.
        source: What to name in errors (the file, or FILE:LINE).

    Raises:
        InputError: for binary content (NUL bytes), text that is not UTF-8, or no text.
    """
    check_not_binary(data, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                                 f"{exc.start})") from exc
    text = text.removeprefix(BOM)
    if not text.strip():
        raise InputError(source, "no text (only whitespace)")
    return text


def check_not_binary(data: bytes, source: str) -> None:
    """Check that raw content may be text: not empty, not UTF-16, no NUL bytes.

    Raises:
        InputError: naming ``source`` and the problem.
    """
    if not data:
        raise InputError(source, "empty file")
    if data.startswith(_UTF16_BOMS):
        raise InputError(source, "not UTF-8 text (it is UTF-16; save it as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(source, f"binary file, not text (NUL byte at {nul})")


def read_text(path: Path) -> str:
    """A file's content as text (see :func:`decode`).

    Raises:
        InputError: when the file cannot be read or is not UTF-8 text.
    """
    return decode(read_bytes(path), str(path))
