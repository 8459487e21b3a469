"""The HTML review page: `claim-extract report OUT_DIR` on a real run of the corpus.

Parsed with lxml: one file with nothing to fetch, a table row per claim with a working link into
the text, the seed's speakers, cues, contents and time expressions highlighted at the right
characters, everything from the input escaped. The last tests open the page in headless Chromium
(skipped when /usr/bin/chromium is absent) and check that the filters, sorting, links and
highlights work in a real browser.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import lxml.html
import pandas as pd
import pytest

from conftest import CORPUS

from claim_extract import extract
from claim_extract.prepare import unwrap
from claim_extract.readers import iter_articles
from claim_extract.report import render_report, write_report
from claim_extract.tables import Tables
from claim_extract.writers import read_tables

CLI = [sys.executable, "-m", "claim_extract"]
CHROMIUM = Path("/usr/bin/chromium")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> Path:
    """`claim-extract run corpus --out OUT`, then `claim-extract report OUT` (default output)."""
    out = tmp_path_factory.mktemp("run") / "out"
    result = cli("run", str(CORPUS), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    result = cli("report", str(out))
    assert result.returncode == 0, result.stderr
    assert "report ->" in result.stderr
    return out


@pytest.fixture(scope="module")
def page(corpus_run):
    return lxml.html.parse(str(corpus_run / "report.html")).getroot()


@pytest.fixture(scope="module")
def tables(corpus_run) -> Tables:
    return read_tables(corpus_run)


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    return {a.doc_id: a.body for a in iter_articles([CORPUS]) if a.ok}


def char_map(page, doc_index: int) -> dict[int, lxml.html.HtmlElement]:
    """Body offset -> the highlighted word element (.sg) that shows it, for one document."""
    found = {}
    for para in page.xpath(f'//section[@id="d{doc_index}"]//div[@class="p"]'):
        pos = int(para.get("data-start"))
        pos += len(para.text or "")
        for child in para:
            if "sg" in child.get("class", "").split():
                for i in range(len(child.text or "")):
                    found[pos + i] = child
                pos += len(child.text or "")
            pos += len(child.tail or "")
    return found


def shown_text(page, doc_index: int) -> dict[int, str]:
    """Body offset -> character shown, from the paragraphs' data-start (labels left out)."""
    chars = {}
    for para in page.xpath(f'//section[@id="d{doc_index}"]//div[@class="p"]'):
        pos = int(para.get("data-start"))
        for piece in [para.text] + [x for c in para for x in ((c.text if "sg" in c.get("class", "") else ""), c.tail)]:
            for ch in piece or "":
                chars[pos] = ch
                pos += 1
    return chars


def rows_of(page) -> list:
    return page.xpath('//table[@id="table"]/tbody/tr')


def test_one_file_with_nothing_to_fetch(corpus_run, page):
    html = (corpus_run / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not page.xpath("//*[@src]"), "an element loads something"
    assert not page.xpath("//link"), "a stylesheet or icon is linked"
    assert len(page.xpath("//script")) == 1 and len(page.xpath("//style")) == 1
    style = page.xpath("//style")[0].text
    assert "@import" not in style and "url(" not in style
    external = [a.get("href") for a in page.xpath("//a[@href]") if not a.get("href").startswith("#")]
    assert all(h.startswith("https://") for h in external)  # source links only, opened by a click
    assert "{{" not in html  # every placeholder filled


def test_a_row_per_claim_each_linking_to_its_place_in_the_text(page, tables):
    rows = rows_of(page)
    assert len(rows) == len(tables.claims) > 100
    ids = set(page.xpath("//@id"))
    for row in rows:
        href = row.xpath('.//a[@class="go"]/@href')[0]
        assert href == f"#at-{row.get('id')}"
        assert href[1:] in ids, f"{href} goes nowhere"
    # the rows carry the filter keys of their claims (compared as multisets)
    got = sorted((r.get("data-speaker"), r.get("data-country"), r.get("data-type"), r.get("data-stance")) for r in rows)
    want = sorted(tables.claims[["speaker_name", "speaker_country", "claim_type", "stance"]]
                  .astype(object).where(tables.claims[["speaker_name", "speaker_country", "claim_type", "stance"]].notna(), "")
                  .itertuples(index=False, name=None))
    assert got == want


def test_filters_offer_every_speaker_country_type_and_stance(page, tables):
    for name, column in [("speaker", "speaker_name"), ("country", "speaker_country"),
                         ("type", "claim_type"), ("stance", "stance")]:
        values = page.xpath(f'//select[@name="{name}"]/option/@value')
        assert values[0] == ""
        assert sorted(values[1:]) == sorted(tables.claims[column].dropna().unique()), name
    headers = page.xpath("//table[@id='table']//th/@data-key")
    assert {"speaker", "country", "type", "stance", "said", "doc"} <= set(headers)


def test_the_page_shows_each_text_exactly(page, tables, bodies):
    docs = page.xpath('//section[starts-with(@id, "d")]/h2')
    assert len(docs) == len(tables.documents)
    for i, doc_id in enumerate(tables.documents["doc_id"]):
        shown = shown_text(page, i)
        display = unwrap(bodies[doc_id])
        assert shown, doc_id
        assert all(display[k] == ch for k, ch in shown.items()), doc_id
        # all but paragraph breaks is shown
        missing = "".join(display[k] for k in range(len(display)) if k not in shown)
        assert not missing.strip(), doc_id


def test_seed_claims_are_highlighted_at_their_characters(page, tables):
    seed = page.xpath('//section[@id="d0"]')[0]
    assert "seed.txt" in seed.text_content()
    marks = char_map(page, 0)
    claims = tables.claims[tables.claims["doc_id"] == "seed.txt"]
    assert len(claims) >= 5
    ids = [r.get("id") for r in rows_of(page) if r.get("data-doc") == "0"]
    assert len(ids) == len(claims)
    # the table lists the seed's claims in text order; row i is the i-th claim by position
    ordered = claims.sort_values("start_char", kind="stable").to_dict("records")
    for rid, claim in zip(ids, ordered):
        for kind, start, end in [(f"k-{claim['stance']}", claim["start_char"], claim["end_char"]),
                                 ("k-speaker", claim["speaker_start"], claim["speaker_end"]),
                                 ("k-cue", claim["cue_start"], claim["cue_end"])]:
            for k in range(int(start), int(end)):
                el = marks.get(k)
                assert el is not None, (rid, kind, k)
                assert rid in el.get("data-r").split(), (rid, kind)
                assert el.xpath(f'./i[contains(concat(" ", @class, " "), " {kind} ")]'), (rid, kind, k)
    labels = {b.text for b in seed.xpath('.//b[contains(@class, "l ")]')}
    assert {"SPEAKER", "CUE"} <= labels
    assert set(claims["claim_type"]) <= {part for label in labels for part in label.split("/")}
    # each claim's time expression (the timex inside its content that reads date_text)
    timexes = tables.timexes[tables.timexes["doc_id"] == "seed.txt"]
    timed = [c for c in ordered if isinstance(c["date_text"], str)]
    assert timed, "the seed has claims with a time expression"
    for claim in timed:
        inside = timexes[(timexes["start_char"] >= claim["start_char"]) & (timexes["end_char"] <= claim["end_char"])
                         & (timexes["text"] == claim["date_text"])]
        assert len(inside) >= 1, claim["date_text"]
        tx = inside.iloc[0]
        assert f"TIME {tx['value']}" in labels
        for k in range(int(tx["start_char"]), int(tx["end_char"])):
            assert marks[k].xpath('./i[contains(concat(" ", @class, " "), " k-time ")]'), (claim["date_text"], k)


def test_a_row_links_to_the_first_highlight_of_its_claim(page, tables):
    seed = page.xpath('//section[@id="d0"]')[0]
    for anchor in seed.xpath('.//a[@class="anchor"]'):
        rid = anchor.get("id")[3:]
        nxt = anchor.getnext()
        while nxt is not None and nxt.tag == "a":
            nxt = nxt.getnext()
        assert nxt is not None and rid in nxt.get("data-r").split(), rid


def test_everything_from_the_input_is_escaped(tmp_path):
    body = ('Japan\'s foreign minister said "<script>alert(1)</script> & the alliance {{ js }} is strong" '
            "on Monday.\n\nThe Chinese foreign ministry criticized Japan's defense budget.")
    tables = extract(texts=[body], published="2024-03-25", titles=['"><img src=x onerror=alert(2)>'])
    assert len(tables.claims) >= 1
    tables.claims.loc[0, "speaker_name"] = "<img src=x onerror=alert(3)>"
    tables.documents.loc[0, "url"] = "javascript:alert(4)"
    out = write_report(tables, tmp_path / "evil.html", texts={"text-1": body})
    html = out.read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    assert len(page.xpath("//script")) == 1 and not page.xpath("//img")
    assert "alert(4)" not in html  # a URL that is not http(s) is not shown at all
    assert not page.xpath('//a[starts-with(@href, "javascript")]')
    text = page.xpath('//div[@class="text"]')[0].text_content()
    assert "<script>alert(1)</script>" in text and "{{ js }}" in text
    assert page.xpath('//select[@name="speaker"]/option[@value="<img src=x onerror=alert(3)>"]')
    assert page.xpath("//h2")[1].text == '"><img src=x onerror=alert(2)>'


def test_missing_texts_are_said_and_rows_still_link(corpus_run, tmp_path, tables):
    moved = tmp_path / "moved"
    shutil.copytree(corpus_run, moved)
    docs = pd.read_csv(moved / "documents.csv", dtype=str, keep_default_na=False)
    docs.loc[0, "path"] = "no/such/file.txt"
    docs.to_csv(moved / "documents.csv", index=False)
    path = write_report(moved, tmp_path / "page.html")
    page = lxml.html.parse(str(path)).getroot()
    warn = page.xpath('//section[@id="d0"]//p[@class="warn"]')[0].text_content()
    assert "file not found: no/such/file.txt" in warn
    ids = set(page.xpath("//@id"))
    seed_rows = [r for r in rows_of(page) if r.get("data-doc") == "0"]
    assert len(seed_rows) == (tables.claims["doc_id"] == "seed.txt").sum()
    for row in seed_rows:
        assert row.xpath('.//a[@class="go"]/@href')[0][1:] in ids
    assert len(page.xpath('//section[@id="d0"]//ol[@class="sentences"]/li')) == len(seed_rows)


def test_a_changed_text_is_not_highlighted_wrongly(tables, bodies):
    seed = {"seed.txt": "Completely different text now. " * 100}
    html = render_report(tables, seed)
    page = lxml.html.fromstring(html)
    section = page.xpath('//section[@id="d0"]')[0]
    assert "do not match this text" in section.text_content()
    assert not section.xpath('.//span[contains(@class, "sg")]')


def test_report_command_errors_and_output_option(corpus_run, tmp_path):
    result = cli("report", str(tmp_path / "nothing"))
    assert result.returncode == 2 and "error" in result.stderr and "Traceback" not in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("report", str(empty))
    assert result.returncode == 2 and "no claims.csv" in result.stderr
    target = tmp_path / "review.html"
    result = cli("report", str(corpus_run), "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == (corpus_run / "report.html").read_bytes()


def test_relative_paths_are_found_from_the_run_folder(tmp_path):
    # a run made from the repository with a relative INPUT, reported from elsewhere
    out = tmp_path / "out"
    repo = CORPUS.parent
    assert cli("run", "corpus/seed.txt", "--out", str(out), "-q", cwd=repo).returncode == 0
    inside = tmp_path / "corpus"
    shutil.copytree(CORPUS, inside, ignore=shutil.ignore_patterns("whitehouse"))
    result = cli("report", str(out), cwd=Path(tempfile.gettempdir()))
    assert result.returncode == 0, result.stderr
    page = lxml.html.parse(str(out / "report.html")).getroot()
    assert not page.xpath('//p[@class="warn"]')
    assert page.xpath('//section[@id="d0"]//span[contains(@class, "sg")]')


# --- in a real browser ---------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not installed")


def chromium(url: str, *args: str, tmp: Path) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
           f"--user-data-dir={profile}", "--window-size=1400,1000", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def dom(corpus_run, query: str, tmp: Path):
    url = (corpus_run / "report.html").resolve().as_uri() + query
    result = chromium(url, "--virtual-time-budget=5000", "--dump-dom", tmp=tmp)
    assert result.returncode == 0, result.stderr[-2000:]
    page = lxml.html.fromstring(result.stdout)
    assert page.xpath("//body/@data-ready") == ["1"], "the script did not run to its end"
    return page


def visible(page) -> list:
    return [r for r in rows_of(page) if r.get("hidden") is None]


@needs_chromium
def test_browser_filters_by_speaker_and_sorts(corpus_run, tables, tmp_path):
    speaker = tables.claims["speaker_name"].value_counts().index[1]
    page = dom(corpus_run, "?" + urlencode({"speaker": speaker, "sort": "said", "dir": "desc"}), tmp_path)
    rows = visible(page)
    assert len(rows) == (tables.claims["speaker_name"] == speaker).sum()
    assert {r.get("data-speaker") for r in rows} == {speaker}
    said = [r.get("data-said") for r in rows]
    assert said == sorted(said, reverse=True)
    assert page.xpath('//output[@id="count"]')[0].text == f"{len(rows)} of {len(tables.claims)} claims"


@needs_chromium
def test_browser_filters_combine(corpus_run, tables, tmp_path):
    # a combination where each of the three filters removes rows the other two keep
    c = tables.claims
    keys = {"stance": "stance", "type": "claim_type", "country": "speaker_country"}
    combos = c[list(keys.values())].dropna().drop_duplicates().itertuples(index=False, name=None)

    def count(values: dict) -> int:
        hit = pd.Series(True, index=c.index)
        for key, value in values.items():
            hit &= c[keys[key]] == value
        return int(hit.sum())

    chosen = None
    for combo in combos:
        values = dict(zip(keys, combo))
        want = count(values)
        if all(count({k: v for k, v in values.items() if k != drop}) > want for drop in keys):
            chosen = values
            break
    assert chosen, "no combination where every filter matters"
    page = dom(corpus_run, "?" + urlencode(chosen), tmp_path)
    assert len(visible(page)) == want
    words = dom(corpus_run, "?" + urlencode({"q": "next month"}), tmp_path)
    hits = c["claim"].str.lower().str.contains("next month") | c["sentence"].str.lower().str.contains("next month")
    assert 0 < len(visible(words)) == hits.sum()
    none = dom(corpus_run, "?q=zzzz-not-in-any-claim", tmp_path)
    assert visible(none) == [] and none.xpath('//p[@id="empty"]/@hidden') == []


@needs_chromium
def test_browser_link_marks_the_row_and_its_words(corpus_run, tmp_path):
    page = dom(corpus_run, "#r0", tmp_path)
    assert "on" in page.xpath('//tr[@id="r0"]/@class')[0].split()
    lit = page.xpath('//span[contains(concat(" ", @class, " "), " on ")]')
    assert lit and all("r0" in el.get("data-r").split() for el in lit)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@needs_chromium
def test_browser_screenshot_shows_the_seed_highlighted(corpus_run, tmp_path):
    shot = tmp_path / "report.png"
    result = chromium((corpus_run / "report.html").resolve().as_uri(), f"--screenshot={shot}", tmp=tmp_path)
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    assert png_size(shot) == (1400, 1000)
    import matplotlib.image

    pixels = matplotlib.image.imread(str(shot))[..., :3]
    left = pixels[150:900, :600]  # the text pane (left 45%), where the seed is the first document

    def near(rgb: str) -> int:
        target = [int(rgb[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        return int((abs(left - target).sum(axis=2) < 0.12).sum())

    # the speaker, cue and support-content bars of the seed's first claims are drawn
    assert near("#1f6fb4") > 100, "no speaker highlight visible"
    assert near("#8e44ad") > 30, "no cue highlight visible"
    assert near("#2e9a3e") > 100, "no content highlight visible"
