"""readers/decode.py: bytes -> text exactly as decoded, or a reason."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_extract.readers.decode import BINARY, DecodeError, decode, looks_binary

DATA = Path(__file__).parent / "data" / "readers"


def test_plain_utf8():
    assert decode("Kraków said “yes”.\n".encode()) == ("Kraków said “yes”.\n", "utf-8")


def test_utf8_bom_is_dropped_and_nothing_else():
    text, encoding = decode((DATA / "bom_utf8.txt").read_bytes())
    assert encoding == "utf-8-sig"
    assert text == "date: 2024-03-25\n\nThe minister’s statement was brief.\n"


def test_crlf_is_kept():
    text, _ = decode((DATA / "crlf.txt").read_bytes())
    assert text.count("\r\n") == 5 and "\n" not in text.replace("\r\n", "")


def test_utf16_with_bom():
    text, encoding = decode((DATA / "utf16_le_bom.txt").read_bytes())
    assert encoding == "utf-16"
    assert text.endswith("The chancellor’s visit to Kraków was praised.\n")
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-32-le", "utf-32-be"])
def test_other_boms(codec):
    mark = {"utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}
    text, _ = decode(mark[codec] + "Seoul said so.\n".encode(codec))
    assert text == "Seoul said so.\n"


def test_utf16_without_bom():
    text, encoding = decode("Manila said the talks went well.\n".encode("utf-16-le"))
    assert (text, encoding) == ("Manila said the talks went well.\n", "utf-16")


def test_cp1252():
    text, encoding = decode((DATA / "cp1252.txt").read_bytes())
    assert encoding == "cp1252"
    assert "premier’s “clear” message on the café summit — naïve?" in text


def test_binary_with_txt_extension():
    with pytest.raises(DecodeError) as info:
        decode((DATA / "binary.txt").read_bytes())
    assert info.value.reason == BINARY and info.value.status == "skipped"


def test_control_characters_make_binary():
    assert looks_binary("ab\x01\x02\x03\x04cd")
    assert not looks_binary("a normal line\twith a tab\r\n" * 3)
    with pytest.raises(DecodeError):
        decode(b"\x01\x02\x03\x04 text \x05\x06\x07\x08")


def test_broken_utf16_is_an_error_not_a_crash():
    with pytest.raises(DecodeError) as info:
        decode(b"\xff\xfeA\x00B")  # odd length after a UTF-16 mark
    assert info.value.status == "error" and "utf-16" in info.value.reason


def test_empty():
    assert decode(b"") == ("", "utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises_on_arbitrary_bytes(data):
    try:
        text, encoding = decode(data)
    except DecodeError as e:
        assert e.reason and "\n" not in e.reason and e.status in ("skipped", "error")
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200).filter(lambda t: not looks_binary(t) and not t.startswith("\ufeff")))
def test_utf8_text_round_trips(text):
    assert decode(text.encode("utf-8")) == (text, "utf-8")
