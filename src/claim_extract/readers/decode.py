"""Bytes -> text, exactly as decoded: no newline translation, no character removed.

Order: byte-order mark (UTF-8, UTF-16, UTF-32; the mark itself is dropped) -> NUL bytes (a
BOM-less UTF-16 text is recognised by its pattern of NULs, anything else with NULs is binary)
-> strict UTF-8 -> charset-normalizer's guess. Western single-byte guesses (cp1250, Latin-1,
mac_roman ...) are read as cp1252 when cp1252 fits: for short English text the detector often
says cp1250 where cp1252 is right (a Polish cp1250 file is then misread: a known limit).
A text in which control characters are frequent is binary.
"""
from __future__ import annotations

import codecs

BINARY = "binary file, not text"

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)
_WESTERN = {
    "ascii", "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2",
    "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish",
    "cp437", "cp850", "cp858",
}
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1a")  # \x1a: the DOS end-of-file mark
_MAX_CONTROL_SHARE = 0.05


class DecodeError(Exception):
    """The bytes are not text: `status` is "skipped" (binary) or "error" (undecodable)."""

    def __init__(self, reason: str, status: str = "error"):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _is_control(ch: str) -> bool:
    o = ord(ch)
    return (o < 32 or 0x7F <= o < 0xA0) and ch not in _ALLOWED_CONTROLS


def looks_binary(text: str) -> bool:
    """True when NULs appear or more than 5% of the characters are control characters."""
    if "\x00" in text:
        return True
    sample = text[:100_000]
    controls = sum(1 for ch in sample if _is_control(ch))
    return controls > 0 and controls > _MAX_CONTROL_SHARE * len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text if `data` looks like BOM-less UTF-16 (most odd or even bytes are NUL)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.7 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _guess(data: bytes) -> tuple[str, str]:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except Exception:  # the detector must not take the reader down
        best = None
    encoding = best.encoding if best is not None else None
    if encoding is None or encoding in _WESTERN:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            if encoding is None:
                raise DecodeError("cannot decode: not UTF-8 and no known encoding fits") from None
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(f"cannot decode: not UTF-8, and not {encoding} either") from None


def decode(data: bytes) -> tuple[str, str]:
    """`(text, encoding)` of `data`, or raise DecodeError with a one-line reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise DecodeError(f"cannot decode as {encoding} ({e.reason})") from None
            if looks_binary(text):
                raise DecodeError(BINARY, "skipped")
            return text, encoding
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None or looks_binary(text):
            raise DecodeError(BINARY, "skipped")
        return text, "utf-16"
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _guess(data)
    if looks_binary(text):
        raise DecodeError(BINARY, "skipped")
    return text, encoding
