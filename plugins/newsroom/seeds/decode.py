"""An article's bytes to clean text: the encoding found, line ends and controls normalised,
binary files refused."""

from __future__ import annotations

import codecs
import unicodedata

from ..model import Problem
from ..text import BINARY_CONTROL, CONTROL
from .errors import SeedError

# What a file that is not text usually is, by its first bytes.
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"RIFF": "a WebP image or a sound file",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a Word document or a ZIP archive",
    b"\xd0\xcf\x11\xe0": "an old Word document",
    b"{\\rtf": "an RTF document",
    b"\x1f\x8b": "a gzip archive",
}


BINARY_SAMPLE = 8192


# Text with more control characters than this (in the first BINARY_SAMPLE) is not text.
BINARY_CONTROL_SHARE = 0.05


def decode(data: bytes, rel: str) -> tuple[str, list[Problem]]:
    """Bytes to clean text with normalised line ends: UTF-8, else (with a warning) UTF-16 or
    UTF-32 by their byte-order mark, or Windows-1252; binary files are refused."""
    if not data:
        raise SeedError("file is empty; paste the article text or delete the file")
    warnings: list[Problem] = []
    text = _decode_unicode_bom(data, rel, warnings)
    if text is None:
        kind = next((k for sig, k in BINARY_SIGNATURES.items() if data.startswith(sig)), None)
        if kind is None and b"\x00" in data[:BINARY_SAMPLE]:
            kind = "binary data (it holds NUL bytes)"
        if kind is not None:
            raise SeedError(f"not text but {kind}; save the article as plain text (.txt or .md)")
        text = _decode_8bit(data, rel, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SeedError(
            "file is empty (it holds only whitespace); paste the article text or delete the file"
        )
    sample = text[:BINARY_SAMPLE]
    if len(BINARY_CONTROL.findall(sample)) > BINARY_CONTROL_SHARE * len(sample):
        raise SeedError(
            "not text but binary data (it is full of control characters); "
            "save the article as plain text (.txt or .md)"
        )
    first = CONTROL.search(text)
    if first is not None:
        count = len(CONTROL.findall(text))
        warnings.append(
            Problem(
                rel,
                f"{count} invisible control character{'s' if count > 1 else ''} "
                f"(first U+{ord(first.group()):04X}) removed; check the text there, "
                "or re-paste the article as plain text",
                text.count("\n", 0, first.start()) + 1,
                "warning",
            )
        )
        text = CONTROL.sub("", text)
    # Invisible bidi controls stay in the text (pages/markup.py shows them); NFC keeps
    # offsets and comparisons stable across editors that compose accents differently.
    return unicodedata.normalize("NFC", text), warnings


def _decode_unicode_bom(data: bytes, rel: str, warnings: list[Problem]) -> str | None:
    """Text that starts with a UTF-32 or UTF-16 byte-order mark (Windows "Unicode")."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise SeedError(
                    f"starts like {codec.upper()} text but is not; "
                    "save the article as plain text in UTF-8"
                ) from None
            warnings.append(
                Problem(
                    rel,
                    f"{codec.upper()} text, read as such; re-save the file as UTF-8",
                    None,
                    "warning",
                )
            )
            return text
    return None


def _decode_8bit(data: bytes, rel: str, warnings: list[Problem]) -> str:
    """UTF-8; else line by line, each line UTF-8 where it is and Windows-1252 (else Latin-1)
    where it is not (files pasted together from two editors mix them), with a warning naming
    the first line read so."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    data = data.removeprefix(codecs.BOM_UTF8)
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    decoded: list[str] = []
    first: tuple[int, str] | None = None
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            text, codec = line.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, codec = line.decode("latin-1"), "Latin-1"
        decoded.append(text)
        first = first or (number, codec)
    assert first is not None  # the whole was not UTF-8, so one line is not
    mixed = any(not line.isascii() and _is_utf8(line) for line in lines)
    read = f"lines that are not UTF-8 read as {first[1]}" if mixed else f"read as {first[1]}"
    warnings.append(
        Problem(
            rel,
            f"not valid UTF-8; {read}. Check the accented letters, and re-save the file as UTF-8",
            first[0],
            "warning",
        )
    )
    return "\n".join(decoded)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
