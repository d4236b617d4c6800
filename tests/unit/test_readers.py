"""Readers: each format, each encoding, each rejection reason."""

import codecs

import pytest

from orchestration.extract import readers
from orchestration.extract.readers import RawFile, Rejection
from orchestration.extract.records import SourceDocument


def read(name: str, data: bytes, extra: dict | None = None, max_bytes: int = 1000):
    raw = RawFile(name, f"/src/{name}", len(data), readers.sha256_bytes(data))
    return readers.read_document(raw, data, extra or {}, max_bytes)


def test_plain_text_is_read_as_is():
    doc = read("a.txt", b"Title\nBody text.")
    assert isinstance(doc, SourceDocument)
    assert doc.text == "Title\nBody text."
    assert doc.format == "txt"
    assert doc.metadata["encoding"] == "utf-8"


def test_document_id_is_stable_per_path_and_differs_between_paths():
    assert readers.document_id_for("x/a.txt") == readers.document_id_for("x/a.txt")
    assert readers.document_id_for("x/a.txt") != readers.document_id_for("y/a.txt")


def test_markdown_front_matter_becomes_metadata_and_is_removed_from_text():
    data = b"---\ntitle: \"Remarks\"\ndate: '2021-04-16'\nsource_url: https://example.org/x\n---\nBody.\n"
    doc = read("a.md", data)
    assert doc.metadata["title"] == "Remarks"
    assert doc.metadata["date"] == "2021-04-16"
    assert doc.metadata["source_url"] == "https://example.org/x"
    assert doc.text == "Body.\n"


def test_yaml_dates_in_front_matter_become_iso_strings():
    doc = read("a.md", b"---\ndate: 2021-04-16\n---\nBody.")
    assert doc.metadata["date"] == "2021-04-16"


def test_broken_front_matter_is_rejected_with_reason():
    result = read("a.md", b"---\ntitle: [unclosed\n---\nBody.")
    assert result == Rejection("bad_front_matter", result.detail)
    assert "YAML" in result.detail


def test_html_keeps_visible_text_and_drops_scripts_and_styles():
    html = (
        b"<html><head><title>T</title><style>p{}</style><meta property='og:url' content='https://e.org/1'>"
        b"</head><body><p>First para.</p><script>var x=1;</script><div>Second <b>para</b>.</div></body></html>"
    )
    doc = read("a.html", html)
    assert doc.text == "First para.\n\nSecond para."
    assert doc.metadata["title"] == "T"
    assert doc.metadata["source_url"] == "https://e.org/1"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (codecs.BOM_UTF8 + "caf\u00e9".encode(), "utf-8-sig", "caf\u00e9"),
        ("caf\u00e9 \u2019".encode("utf-16"), "utf-16", "caf\u00e9 \u2019"),
        ("caf\u00e9 \u2019".encode("cp1252"), "cp1252", "caf\u00e9 \u2019"),
        ("caf\u00e9".encode(), "utf-8", "caf\u00e9"),
    ],
)
def test_encodings_are_tried_in_order(data, encoding, text):
    doc = read("a.txt", data)
    assert doc.metadata["encoding"] == encoding
    assert doc.text == text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"---\ntitle: x\n---\n   \n", "empty"),
        ("big.txt", b"x" * 1001, "too_large"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("latin.txt", b"abc \x81\x8d\xe9 def", "undecodable"),
        ("report.pdf", b"%PDF-1.4", "unsupported_format"),
        ("bad.md", b"---\n- a list\n---\nBody", "bad_front_matter"),
    ],
)
def test_each_rejection_reason(name, data, reason):
    result = read(name, data)
    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.detail


def test_sidecar_metadata_is_merged(tmp_path):
    (tmp_path / "a.txt").write_text("Body")
    (tmp_path / "a.txt.meta.yml").write_text("publisher: Ministry\npublished_on: 2024-07-29\n")
    sidecar = readers.sidecar_for(tmp_path / "a.txt", {p.name for p in tmp_path.iterdir()})
    assert sidecar == tmp_path / "a.txt.meta.yml"
    assert readers.load_sidecar(sidecar) == {"publisher": "Ministry", "published_on": "2024-07-29"}
    assert readers.sidecar_for(tmp_path / "b.txt", {"a.txt", "a.txt.meta.yml"}) is None


def test_sources_file_maps_file_names_to_metadata(tmp_path):
    (tmp_path / "sources.yml").write_text("a.txt: {url: 'https://e.org/a'}\nb.txt: not-a-mapping\n")
    assert readers.load_sources_file(tmp_path) == {"a.txt": {"url": "https://e.org/a"}}


def test_metadata_files_are_not_documents():
    assert readers.is_metadata_file("a.txt.meta.yml")
    assert readers.is_metadata_file("sources.yml")
    assert not readers.is_metadata_file("a.txt")


def test_no_break_spaces_in_front_matter_become_spaces():
    doc = read("a.md", b'---\ntitle: "Press Briefing by Press Secretary Jen\\_Psaki"\n---\nBody.')
    assert doc.metadata["title"] == "Press Briefing by Press Secretary Jen Psaki"
