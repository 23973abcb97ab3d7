"""The sections of one AWS Price List offer file as streams of (SKU, object) pairs.

Pure Python (no Django). The format is in ../shared/data/offer-file-format.md: `products`
(SKU -> attributes) then `terms` -> `OnDemand` / `Reserved` -> SKU -> terms.

Speed: ijson's C backend (yajl2_c) builds objects fastest when it reads the file itself for
one prefix (`kvitems`), with no Python code per JSON event. One prefix per generator means
one file handle per section (products, terms.OnDemand, terms.Reserved), and a JSON parser
must start where it knows the nesting. So:

- `products` is read from byte 0 up to the top-level `"terms"` key, which a byte search
  finds; the parser is then fed a closing `"products":{"":"<sentinel>"}}`. Only if the
  parser yields that sentinel member of `products` was the cut at top level between two
  members (anywhere else the added bytes are a syntax error or a deeper prefix), and the
  terms are then parsed from that byte on behind a synthetic `{`, so the products are
  parsed once, not once per section. If the check fails (no such key, or a deeper one),
  every section is parsed from byte 0 instead (the layout-agnostic path).
- Within the terms (or the whole file), each section's generator is primed to its first SKU;
  a section whose first SKU came earlier then stops reading at the block where the next
  section's first SKU was complete ("cut"); the last section reads to the end of the file,
  so a syntax error anywhere is still found.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ijson

BUF_SIZE = 256 * 1024
SENTINEL = "\x00cut"  # the value of the member the products parser is fed at the cut
_SENTINEL_TAIL = b'"products":{"":"\\u0000cut"}}'
_WHITESPACE = b" \t\r\n"


class OfferError(ValueError):
    """The file is not a readable offer file; says what is wrong and where."""


class _Reader:
    """A file handle for one section's C generator, from file offset `start` (behind an
    optional synthetic `head`) to `end` (then an optional synthetic `tail`), that counts
    the file bytes read and can be cut: stop at the first block at or past `limit`."""

    def __init__(self, path: Path, start: int = 0, head: bytes = b"", end=None, tail=b""):
        self.fh = path.open("rb", buffering=0)
        self.fh.seek(start)
        self.pos = start  # file offset of the next byte to read
        self.head, self.end, self.tail = head, end, tail
        self.limit: int | None = None
        self.cut = False
        self.last = b""  # the last block of file bytes read, to place a syntax error

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if self.head:
            data, self.head = self.head, b""
            return data
        if self.limit is not None and self.pos >= self.limit:
            self.cut = True
            return b""
        if self.end is not None:
            size = min(size, self.end - self.pos)
            if size <= 0:
                data, self.tail = self.tail, b""
                return data
        data = self.fh.read(size)
        self.pos += len(data)
        if data:
            self.last = data
        return data

    def close(self) -> None:
        self.fh.close()


class Section:
    """(key, value) pairs of the object at `prefix`, read by ijson's C kvitems generator."""

    def __init__(self, path: Path, prefix: str, reader: _Reader) -> None:
        self.path, self.prefix, self.reader = path, prefix, reader
        self.items = ijson.kvitems(reader, prefix, buf_size=BUF_SIZE)
        self.first: tuple | None = None
        self.start: int | None = None  # file bytes read when the first item was complete
        self.last_key = ""

    def prime(self) -> None:
        self.first = self._next()
        if self.first is not None:
            self.start = self.reader.pos

    def __iter__(self) -> Iterator[tuple]:
        try:
            if self.first is not None:
                self.last_key = self.first[0]
                yield self.first
            while (item := self._next()) is not None:
                self.last_key = item[0]
                yield item
        finally:
            self.reader.close()

    def _next(self) -> tuple | None:
        try:
            return next(self.items, None)
        except ijson.JSONError as exc:
            message = str(exc)
            if self.reader.cut and message.startswith("parse error: premature EOF"):
                return None  # our own cut at the next section's start
            raise OfferError(_syntax_message(self, message)) from None


def _syntax_message(section: Section, message: str) -> str:
    lines = [line for line in message.splitlines() if line.strip()]
    where = f"found while reading {section.prefix}"
    if section.last_key:
        where += f", after SKU {section.last_key}"
    if lines and "premature EOF" in lines[0]:
        return (
            f"{section.path.name}: the file ends early at byte {section.reader.pos} "
            f"({where}): it is truncated"
        )
    offset = _error_offset(section.reader, lines)
    return f"{section.path.name}: malformed JSON near byte {offset} ({where}): {lines[0]}"


def _error_offset(reader: _Reader, lines: list[str]) -> int | str:
    """yajl shows the text around the error with a caret under it; find it in the last block."""
    if len(lines) >= 3 and "^" in lines[2]:
        caret = lines[2].index("^")
        context = lines[1]
        before = context[:caret].lstrip()
        needle = (before + context[caret:]).rstrip().encode()
        block = reader.last.translate(bytes.maketrans(b"\n\r\t", b"   "))
        hit = block.find(needle) if needle else -1
        if hit >= 0 and block.find(needle, hit + 1) < 0:
            return reader.pos - len(block) + hit + len(before.encode())
    return f"{max(reader.pos - len(reader.last), 0)}-{reader.pos}"


def read_meta(path: Path) -> dict[str, str]:
    """Top-level scalars before the first big section, and which section comes first."""
    meta: dict[str, str] = {}
    with path.open("rb") as fh:
        try:
            events = ijson.parse(fh, buf_size=64 * 1024)
            key = ""
            for prefix, event, value in events:
                if prefix == "" and event == "map_key":
                    key = value
                    if value in ("products", "terms"):
                        meta["first_section"] = value
                        break
                elif prefix == key and event == "string":
                    meta[key] = value
        except ijson.JSONError as exc:
            first = str(exc).splitlines()[0]
            raise OfferError(f"{path.name}: not an offer file ({first})") from None
    return meta


def find_terms_key(path: Path, block: int = 1 << 20) -> int | None:
    """Byte offset of the first `"terms"` that follows a `,` and precedes a `:` (the shape of
    an object member that is not the first), or None. Only a candidate: the products parser
    proves it is the top-level key (see the module docstring)."""
    needle, context = b'"terms"', 64
    with path.open("rb") as fh:
        offset, data = 0, b""  # data starts at file offset `offset`
        while True:
            chunk = fh.read(block)
            data += chunk
            hit = data.find(needle)
            while hit >= 0:
                after = data[hit + len(needle) : hit + len(needle) + context]
                if len(after) < context and chunk:
                    break  # the colon may be in the next block: look again with it
                before = data[max(0, hit - context) : hit].rstrip(_WHITESPACE)[-1:]
                if before == b"," and after.lstrip(_WHITESPACE)[:1] == b":":
                    return offset + hit
                hit = data.find(needle, hit + 1)
            if not chunk:
                return None
            keep = max(0, (hit if hit >= 0 else len(data) - len(needle)) - context)
            offset, data = offset + keep, data[keep:]


def products_at_top(path: Path, terms_at: int) -> Section:
    """The products, read from byte 0 to the candidate terms key and closed by the sentinel."""
    return Section(path, "products", _Reader(path, end=terms_at, tail=_SENTINEL_TAIL))


def term_sections(path: Path, terms_at: int | None) -> list[Section]:
    """terms.OnDemand and terms.Reserved in file order, primed and cut at each other's start.
    With `terms_at` (a proven top-level terms key) they are read from there; else from 0."""
    sections = []
    for kind in ("OnDemand", "Reserved"):
        at = {} if terms_at is None else {"start": terms_at, "head": b"{"}
        reader = _Reader(path, **at)
        sections.append(Section(path, f"terms.{kind}", reader))
    for section in sections:
        section.prime()
    sections.sort(key=lambda s: s.start if s.start is not None else -1)
    for earlier, later in zip(sections, sections[1:], strict=False):
        # A section whose first entry came in an earlier block ends before the next one.
        if None not in (earlier.start, later.start) and later.start > earlier.start:
            earlier.reader.limit = later.start
    return sections


def products_from_start(path: Path, terms: list[Section], first_section: str) -> Section:
    """The products parsed from byte 0, cut where the first term section starts when the
    products come first."""
    section = Section(path, "products", _Reader(path))
    starts = [s.start for s in terms if s.start is not None]
    if first_section == "products" and starts:
        section.reader.limit = min(starts)
    return section
