"""Read raw files into decoded text plus metadata, or a recorded rejection.

Every file the scanner sees ends in exactly one place: a ``SourceDocument`` or a
``Rejection`` with a reason an operator can act on. Nothing raises for bad input;
only programming errors do.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import yaml
from bs4 import BeautifulSoup

from orchestration.extract.records import SourceDocument

TEXT_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    "": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
SIDECAR_SUFFIXES = (".meta.yml", ".meta.yaml")
SOURCES_FILE_NAMES = ("sources.yml", "sources.yaml")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Bytes that cp1252 leaves undefined: text containing them is no Windows-1252 either.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class _MetadataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader, with timestamps left as the strings they are printed as.

    Metadata dates are stored as ISO text anyway; skipping Python-side timestamp
    construction makes front matter ~8x cheaper than PyYAML's pure-Python loader.
    """


_MetadataLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class Rejection(NamedTuple):
    """Why a file could not become a document (``staging.rejected_files``)."""

    reason: str  # empty | too_large | binary | undecodable | unsupported_format | bad_front_matter | unreadable
    detail: str


class RawFile(NamedTuple):
    """A file's identity before decoding: what change detection compares."""

    file_name: str  # path relative to the source folder, '/'-separated
    path: str
    size_bytes: int
    sha256: str


def document_id_for(file_name: str) -> str:
    """Stable id from the relative path: a changed file keeps its id and gets a new version."""
    return hashlib.sha256(file_name.encode("utf-8")).hexdigest()[:16]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_metadata_file(name: str) -> bool:
    """Sidecar metadata is read alongside documents, never ingested as one."""
    lower = name.lower()
    return lower.endswith(SIDECAR_SUFFIXES) or lower in SOURCES_FILE_NAMES


def format_for(file_name: str) -> str | None:
    """Reader format for a file name, or None when no reader handles it."""
    path = PurePosixPath(file_name)
    suffix = path.suffix.lower() if "." in path.name.lstrip(".") else ""
    return TEXT_SUFFIXES.get(suffix)


def decode_bytes(data: bytes) -> tuple[str, str] | Rejection:
    """Decode with the encodings real document folders contain, in order of evidence.

    BOMs are trusted first; UTF-8 next because it almost never decodes by accident;
    cp1252 last because it decodes nearly anything, so binary is ruled out before it.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            return Rejection("undecodable", f"UTF-8 BOM but invalid UTF-8 at byte {exc.start}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            return Rejection("undecodable", f"UTF-16 BOM but invalid UTF-16 at byte {exc.start}")
    if b"\x00" in data:
        return Rejection("binary", "contains NUL bytes and no UTF-16 byte-order mark")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _CP1252_UNDEFINED.search(data):
            return Rejection("undecodable", "not UTF-8, UTF-16 (BOM) or cp1252")
        text, encoding = data.decode("cp1252"), "cp1252"
    head = text[:65536]
    controls = len(_CONTROL_CHARS.findall(head)) if _CONTROL_CHARS.search(head) else 0
    if controls > max(8, len(head) // 100):
        return Rejection("binary", f"{controls} control characters in the first 64 KiB")
    return text, encoding


def _plain(value: object) -> object:
    """YAML values made JSON-friendly: dates become ISO strings, no-break spaces plain spaces.

    Front matter often writes 'Jen\\_Psaki' (YAML's escape for U+00A0); left as is, a name in
    a title would not match the same name in the text.
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace("\u00a0", " ")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def split_front_matter(text: str) -> tuple[dict, str] | Rejection:
    """YAML front matter of a Markdown file becomes metadata; the body is the document."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1), Loader=_MetadataLoader) or {}
    except yaml.YAMLError as exc:
        return Rejection("bad_front_matter", f"front matter is not valid YAML: {str(exc).splitlines()[0]}")
    if not isinstance(meta, dict):
        return Rejection("bad_front_matter", "front matter is not a mapping")
    return _plain(meta), text[match.end() :]


_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote")


def html_to_text(html: str) -> tuple[dict, str]:
    """Visible text of an HTML page, one block element per paragraph; scripts and styles dropped."""
    soup = BeautifulSoup(html, "lxml")
    meta: dict = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        if key and tag.get("content"):
            meta[str(key).lower()] = tag["content"].strip()
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
    text = soup.get_text()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    normalised = {
        "title": meta.get("og:title") or meta.get("title"),
        "date": meta.get("article:published_time") or meta.get("date"),
        "source_url": meta.get("og:url"),
        "publisher": meta.get("og:site_name"),
    }
    return {k: v for k, v in normalised.items() if v}, text


def _load_yaml_mapping(path: Path) -> dict:
    """A YAML metadata file as a dict; empty when unreadable or not a mapping (it never blocks a document)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_MetadataLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def sidecar_for(path: Path, names_beside: set[str]) -> Path | None:
    """The ``NAME.meta.yml`` sidecar of a file, given the names in its folder (no extra stat calls)."""
    return next((path.with_name(path.name + s) for s in SIDECAR_SUFFIXES if path.name + s in names_beside), None)


def load_sidecar(sidecar: Path) -> dict:
    """Metadata from a ``NAME.meta.yml`` sidecar file."""
    return _plain(_load_yaml_mapping(sidecar))


def load_sources_file(folder: Path) -> dict[str, dict]:
    """``sources.yml`` in a folder: file name -> metadata for the files beside it."""
    for name in SOURCES_FILE_NAMES:
        if (folder / name).is_file():
            data = _load_yaml_mapping(folder / name)
            return {str(k): _plain(v) for k, v in data.items() if isinstance(v, dict)}
    return {}


def read_document(
    raw: RawFile, data: bytes, extra_metadata: dict, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceDocument | Rejection:
    """Decode one file's bytes into a SourceDocument, or say why it cannot be one."""
    fmt = format_for(raw.file_name)
    if fmt is None:
        return Rejection("unsupported_format", f"no reader for '{PurePosixPath(raw.file_name).suffix}' files")
    if raw.size_bytes == 0:
        return Rejection("empty", "file has no bytes")
    if raw.size_bytes > max_bytes:
        return Rejection("too_large", f"{raw.size_bytes} bytes is over the {max_bytes}-byte limit")
    decoded = decode_bytes(data)
    if isinstance(decoded, Rejection):
        return decoded
    text, encoding = decoded
    metadata: dict = {}
    if fmt == "md":
        split = split_front_matter(text)
        if isinstance(split, Rejection):
            return split
        metadata, text = split
    elif fmt == "html":
        metadata, text = html_to_text(text)
    metadata.update(extra_metadata)
    metadata["encoding"] = encoding
    if not text.strip():
        return Rejection("empty", "no text after decoding" + (" and removing front matter" if fmt == "md" else ""))
    return SourceDocument(document_id_for(raw.file_name), raw.file_name, fmt, text, metadata)
