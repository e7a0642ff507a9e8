"""Reading files as text, with plain-words errors for everything that is not UTF-8 text."""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import InputError

BOM = "\ufeff"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(text: str) -> str:
    """The text with every character that cannot be stored or shown replaced, one for one.

    A lone UTF-16 surrogate (which JSON's ``"\\ud800"`` escapes can produce) cannot be
    encoded as UTF-8, and U+FFFE and U+FFFF are not characters: they become U+FFFD. A C0
    control character other than tab, line feed and carriage return is not allowed in
    XML (it would make SPARQL XML results ill-formed): it becomes a space. The length is
    kept, so offsets still index the text as given.

    >>> clean("gate \\ud800 shut\\x01\\x0b.") == "gate \\ufffd shut  ."
    True
    """
    return _CONTROL.sub(" ", _UNSTORABLE.sub(REPLACEMENT, text))


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
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise InputError(source, "not UTF-8 text (it is UTF-16; save it as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(source, f"binary file, not text (NUL byte at {nul})")


def _looks_utf16(data: bytes, sample: int = 4096) -> bool:
    """True for UTF-16 without a byte-order mark: NUL bytes at most even (or most odd)
    offsets and hardly any at the others, as Latin-script text in UTF-16 has.

    >>> _looks_utf16("Bridge reopens".encode("utf-16-le")), _looks_utf16(b"a\\x00\\x00\\x00b")
    (True, False)
    """
    head = data[:sample]
    pairs = len(head) // 2
    if pairs < 2:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= 0.4 * pairs and min(even, odd) <= 0.05 * pairs


def read_text(path: Path) -> str:
    """A file's content as text (see :func:`decode`).

    Raises:
        InputError: when the file cannot be read or is not UTF-8 text.
    """
    return decode(read_bytes(path), str(path))
