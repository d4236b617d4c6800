"""Per-stage cost of the extract library on a fixed corpus sample, plus an output digest.

    python -m benchmarks.extract_profile [--sample 400] [--corpus-dir DIR] [--digest-out FILE] [--digest-check FILE]

``--corpus-dir`` reads an already extracted copy of the corpus (random access into the
gzipped tar costs minutes; reading a folder costs milliseconds).

The digest (one sha256 per stage over every row produced) lets an optimisation prove it
changed nothing: record it before, check it after. Needs the shared corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from orchestration.extract import claims, cleaning, commitments, events, people, quotes, topics
from orchestration.extract.readers import RawFile, read_document, sha256_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings-2021-2023.tar.gz"


def sample_documents(size: int, seed: int = 1, corpus_dir: Path | None = None):
    """A deterministic sample of corpus documents, decoded (the same sample from the tar or a folder)."""
    if corpus_dir is not None:
        paths = sorted(corpus_dir.rglob("*.md"), key=lambda p: p.relative_to(corpus_dir).as_posix())
        chosen = sorted(random.Random(seed).sample(paths, min(size, len(paths))))
        return [_decoded(p.relative_to(corpus_dir).as_posix(), p.read_bytes()) for p in chosen]
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(CORPUS) as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile() and m.name.endswith(".md")), key=lambda m: m.name
        )
        chosen = random.Random(seed).sample(members, min(size, len(members)))
        archive.extractall(tmp, members=chosen, filter="data")
        docs = []
        for member in sorted(chosen, key=lambda m: m.name):
            docs.append(_decoded(member.name, (Path(tmp) / member.name).read_bytes()))
    return docs


def _decoded(name: str, data: bytes):
    return read_document(RawFile(name, name, len(data), sha256_bytes(data)), data, {})


def digest(rows) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(row).encode())
    return h.hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--corpus-dir", type=Path)
    parser.add_argument("--digest-out")
    parser.add_argument("--digest-check")
    args = parser.parse_args()
    if args.corpus_dir is None and not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    docs = sample_documents(args.sample, corpus_dir=args.corpus_dir)
    n = len(docs)
    kb = sum(len(d.text) for d in docs) / 1000
    timings, digests = {}, {}

    started = time.perf_counter()
    cleaned = [cleaning.clean_document(d) for d in docs]
    timings["clean"] = time.perf_counter() - started
    digests["clean"] = digest(cleaned)

    started = time.perf_counter()
    speakers = [
        people.analyse_speakers(d.document_id, c.clean_text, c.kind, d.metadata)
        for d, c in zip(docs, cleaned, strict=True)
    ]
    timings["speakers"] = time.perf_counter() - started
    digests["speakers"] = digest(speakers)

    started = time.perf_counter()
    timing = [
        events.analyse_time_and_events(
            d.document_id, c.clean_text, c.kind, d.metadata, s.utterances, s.sentences, s.local_people
        )
        for d, c, s in zip(docs, cleaned, speakers, strict=True)
    ]
    timings["events"] = time.perf_counter() - started
    digests["events"] = digest(timing)

    started = time.perf_counter()
    found = [
        commitments.find_commitments(
            d.document_id,
            c.clean_text,
            c.kind,
            s.utterances,
            s.sentences,
            s.local_people,
            s.mentions,
            t.time_expressions,
        )
        for d, c, s, t in zip(docs, cleaned, speakers, timing, strict=True)
    ]
    timings["commitments"] = time.perf_counter() - started
    digests["commitments"] = digest(found)

    started = time.perf_counter()
    mentions = [
        topics.find_topics(d.document_id, c.clean_text, s.utterances, s.sentences)
        for d, c, s in zip(docs, cleaned, speakers, strict=True)
    ]
    timings["topics"] = time.perf_counter() - started
    digests["topics"] = digest(mentions)

    started = time.perf_counter()
    candidates = [
        quotes.find_quote_candidates(d.document_id, c.clean_text, c.kind, s.utterances, s.sentences, s.mentions)
        for d, c, s in zip(docs, cleaned, speakers, strict=True)
    ]
    timings["quotes"] = time.perf_counter() - started
    digests["quotes"] = digest(candidates)

    started = time.perf_counter()
    entity_claims = [
        claims.find_entity_claims(d.document_id, c.clean_text, s.utterances, s.sentences, t.time_expressions)
        for d, c, s, t in zip(docs, cleaned, speakers, timing, strict=True)
    ]
    timings["claims"] = time.perf_counter() - started
    digests["claims"] = digest(entity_claims)

    for stage, seconds in timings.items():
        print(f"{stage:12s} {seconds * 1000 / n:6.2f} ms/doc  {seconds * 1e4 / kb:6.2f} ms/10KB")
    print(f"total        {sum(timings.values()) * 1000 / n:6.2f} ms/doc over {n} docs, {kb:.0f} KB")
    print("digests", json.dumps(digests))
    if args.digest_out:
        Path(args.digest_out).write_text(json.dumps(digests))
    if args.digest_check:
        want = json.loads(Path(args.digest_check).read_text())
        changed = [k for k in want if want[k] != digests.get(k)]
        print("digest check:", "identical" if not changed else f"CHANGED: {changed}")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
