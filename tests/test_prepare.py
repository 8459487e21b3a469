from hypothesis import given, strategies as st

from claim_extract.prepare import unwrap


def test_hard_wraps_are_joined_and_paragraphs_kept():
    body = "The two leaders discussed\nthe regional security environment.\n\nSullivan welcomed\r\nit."
    text = unwrap(body)
    assert text == "The two leaders discussed the regional security environment.\n\nSullivan welcomed  it."
    assert len(text) == len(body)


def test_speaker_turns_and_list_items_keep_their_line_breaks():
    body = "Thank you all.\nTHE PRESIDENT: We will.\nQ Mr. President?\n- first item\nMore text"
    text = unwrap(body)
    assert "all.\nTHE PRESIDENT:" in text
    assert "will.\nQ Mr." in text
    assert "President?\n- first" in text
    assert "item More text" in text


def test_control_characters_become_spaces():
    assert unwrap("a\x00b\x07c") == "a b c"


@given(st.text())
def test_length_is_always_kept(body):
    assert len(unwrap(body)) == len(body)


@given(st.text(alphabet=st.characters(blacklist_categories=("Zs", "Cc", "Zl", "Zp"))))
def test_text_without_space_is_unchanged(body):
    assert unwrap(body) == body
