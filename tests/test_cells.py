"""Every splitting rule of the contract (CONTRACT.md, "Splitting a cell into items"),
with hand-written expectations."""

from __future__ import annotations

import pytest

from sheetparse.blocks import Part
from sheetparse.cells import split_parts
from sheetparse.readers.html.inline import parts_from_fragment


def split(fragment: str) -> tuple[list[str], list[str]]:
    ct = split_parts(parts_from_fragment(fragment))
    return ct.items, ct.figures


def test_each_p_is_one_item():
    assert split("<p>一つ目の段落。</p><p>二つ目 の段落。</p>") == (
        ["一つ目の段落。", "二つ目 の段落。"],
        [],
    )


def test_ul_with_li_gives_one_item_per_li():
    assert split("<ul><li>・ 項目A</li><li>項目 B</li></ul>") == (["項目A", "項目 B"], [])


def test_ol_with_li():
    assert split("<ol><li>第一</li><li>第二</li></ol>") == (["第一", "第二"], [])


def test_ul_without_li_splits_at_spaces():
    assert split(
        '<ul style="list-style-type: none"> 身近な課題に興味を持つ 講座に参加してみようと思う </ul>'
    ) == (["身近な課題に興味を持つ", "講座に参加してみようと思う"], [])


def test_bullets_decide_inside_ul_without_li():
    assert split(
        "<ul> ・地域共生社会の連携会議を4回開催した。 その後 ・かしまる小会議を21回開催した。 </ul>"
    ) == (["地域共生社会の連携会議を4回開催した。 その後", "かしまる小会議を21回開催した。"], [])


def test_bullets_split_plain_text_keeping_spaces_inside_items():
    text = "前置きの文。 ・フレイルチェック 73回、1,227人 ・出前講座 126回、2,217人"
    assert split(text) == (
        ["前置きの文。", "フレイルチェック 73回、1,227人", "出前講座 126回、2,217人"],
        [],
    )


def test_bullet_between_words_is_not_a_bullet():
    assert split("・協会員・両方会員の担い手を増やす。 ・次の項目") == (
        ["協会員・両方会員の担い手を増やす。", "次の項目"],
        [],
    )


def test_text_without_bullets_is_one_item():
    assert split("防犯対策の講習を聞き、増えた。 町会等の中で共有したい。") == (
        ["防犯対策の講習を聞き、増えた。 町会等の中で共有したい。"],
        [],
    )


@pytest.mark.parametrize("bullet", list("・●○◆◇■□•"))
def test_every_leading_bullet_is_dropped(bullet):
    assert split(f"<ul><li>{bullet}項目</li></ul>") == (["項目"], [])
    assert split(f"{bullet}一 {bullet}二") == (["一", "二"], [])


def test_doubled_circle_is_a_placeholder_not_a_bullet():
    assert split("○○地区の取組") == (["○○地区の取組"], [])


def test_caption_paragraph_is_a_figure_not_an_item():
    assert split("<p>本文。</p>  <p>▲講師4名が協働して開催したイベント</p>") == (
        ["本文。"],
        ["講師4名が協働して開催したイベント"],
    )


def test_p_then_list_then_caption():
    frag = "<p>導入。</p> <ul> 一つ目 二つ目 </ul> <p>▲画面</p>"
    assert split(frag) == (["導入。", "一つ目", "二つ目"], ["画面"])


def test_caption_mark_before_a_digit_is_a_number_not_a_caption():
    assert split("前年比 ▲5%の減少") == (["前年比 ▲5%の減少"], [])


def test_caption_glued_to_the_sentence_before_it_is_a_caption():
    # a converter that joined the cell's paragraphs without a space
    assert split("開催した。▲講師4名が協働して開催したイベント") == (
        ["開催した。"],
        ["講師4名が協働して開催したイベント"],
    )
    assert split("一行目<br>開催した。▲会場の様子") == (["一行目", "開催した。"], ["会場の様子"])
    # a negative number after a full stop, and ▲ inside a sentence, stay text
    assert split("前年比。▲5%") == (["前年比。▲5%"], [])
    assert split("前年比▲の表示") == (["前年比▲の表示"], [])


def test_br_lines_each_an_item_without_bullets():
    assert split("第一の行<br>第二の行") == (["第一の行", "第二の行"], [])


def test_lines_with_bullets_continue_items():
    parts = [Part("line", "・一つ目の項目の"), Part("line", "続き"), Part("line", "・二つ目")]
    ct = split_parts(parts)
    assert ct.items == ["一つ目の項目の続き", "二つ目"]


def test_line_caption():
    parts = [Part("line", "・項目"), Part("line", "▲写真の説明")]
    ct = split_parts(parts)
    assert (ct.items, ct.figures) == (["項目"], ["写真の説明"])


def test_empty_cell():
    assert split("") == ([], [])
    assert split("   ") == ([], [])
    assert split("<p> </p>") == ([], [])


def test_entities_and_nbsp():
    assert split("A&amp;B&nbsp;の取組") == (["A&B の取組"], [])


def test_ideographic_space_is_kept():
    assert split("<p>項目\u3000内容</p>") == (["項目\u3000内容"], [])
