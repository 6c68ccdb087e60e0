"""Near-duplicate detection: MinHash signatures over word 5-shingles, LSH lookup.

A re-published copy (same story, another header/footer or title) has a high estimated Jaccard
similarity to its original; two different stories on the same topic do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine64"  # datasketch 2.x permutation scheme; hash values are uint64
_LSH_THRESHOLD = 0.5  # candidates are gathered at this level, then filtered by the caller's
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word `size`-shingles of the lower-cased text (punctuation ignored); a shorter text is one
    shingle; an empty text has none."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes:
    """MinHash (128 permutations, seed 1, affine64) of the text's word 5-shingles: 1,024 bytes
    (uint64 hash values, native byte order)."""
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    # the same values as update() per shingle, about 5 times faster
    mh.update_batch([sh.encode("utf-8") for sh in sorted(shingles(text))])
    return mh.hashvalues.astype(np.uint64).tobytes()


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The permutation parameters of every signature (seed 1), drawn once: MinHash draws them
    again for each object otherwise, which was most of the cost of a comparison."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def _minhash(sig: bytes) -> MinHash:
    values = np.frombuffer(sig, dtype=np.uint64)
    if values.size != NUM_PERM:
        raise ValueError(f"signature has {values.size} values, expected {NUM_PERM}")
    return MinHash(
        num_perm=NUM_PERM, hashvalues=values.copy(), permutations=_permutations(), scheme=SCHEME
    )


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (0..1)."""
    return float(_minhash(sig_a).jaccard(_minhash(sig_b)))


class CopyIndex:
    """Signatures of known documents, searchable for the original of a near-copy.

    Not thread-safe. Ids are unique: adding an id again replaces its signature.
    """

    def __init__(self) -> None:
        # the bands datasketch picks for this threshold, given: it would otherwise find them by
        # numeric integration (0.2 s) for every new index
        self._lsh = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS))
        self._sigs: dict[str, MinHash] = {}

    @classmethod
    def from_signatures(cls, items: Iterable[tuple[str, bytes]]) -> CopyIndex:
        """An index over (doc_id, signature) pairs."""
        index = cls()
        for doc_id, sig in items:
            index.add(doc_id, sig)
        return index

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: str, sig: bytes) -> None:
        """Index `sig` under `doc_id` (replacing an earlier signature for that id)."""
        mh = _minhash(sig)
        if doc_id in self._sigs:
            self._lsh.remove(doc_id)
        self._lsh.insert(doc_id, mh)
        self._sigs[doc_id] = mh

    def find_original(self, sig: bytes, threshold: float = 0.8) -> tuple[str, float] | None:
        """(doc_id, estimated Jaccard) of the most similar indexed document at or above
        `threshold`, ties broken by the smaller id; None when there is none."""
        mh = _minhash(sig)
        if mh.is_empty():  # a text without words is nobody's copy
            return None
        if threshold >= _LSH_THRESHOLD:
            candidates = self._lsh.query(mh)
        else:
            candidates = list(self._sigs)
        scored = [(float(mh.jaccard(self._sigs[c])), c) for c in candidates]
        scored = [(s, c) for s, c in scored if s >= threshold]
        if not scored:
            return None
        score, doc_id = min(scored, key=lambda sc: (-sc[0], sc[1]))
        return doc_id, score


# -- the index kept in the store -------------------------------------------------------------
# MinHashLSH(threshold=0.5, num_perm=128) uses 25 bands of 5 rows; the same banding is kept in
# the store's `copy_bands` table (one row per band of each original document), so finding the
# original of a new document is an indexed lookup, not a load of every stored signature.
# datasketch keeps its bands in memory or Redis/Cassandra only, hence this small own code.
BANDS, ROWS = 25, 5


def band_keys(sig: bytes) -> list[tuple[int, str]]:
    """(band number, hash of the band's 5 hash values) for each of the 25 bands."""
    import hashlib

    values = np.frombuffer(sig, dtype=np.uint64)
    if values.size != NUM_PERM:
        raise ValueError(f"signature has {values.size} values, expected {NUM_PERM}")
    return [
        (b, hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
        for b in range(BANDS)
    ]


class StoredCopyIndex:
    """`CopyIndex` over the store's band table, plus the documents of the current run (kept in
    memory until they are stored). `store` provides `copy_candidates(band_keys)` and
    `signatures_of(doc_ids)`."""

    def __init__(self, store) -> None:  # noqa: ANN001 - sitroom.store.db.Store
        self.store = store
        self.recent = CopyIndex()

    def add(self, doc_id: str, sig: bytes) -> None:
        self.recent.add(doc_id, sig)

    def find_original(self, sig: bytes, threshold: float = 0.8) -> tuple[str, float] | None:
        mh = _minhash(sig)
        if mh.is_empty():
            return None
        if threshold >= _LSH_THRESHOLD:
            stored = self.store.signatures_of(self.store.copy_candidates(band_keys(sig)))
        else:  # below the banding's threshold only a full scan finds every candidate
            stored = dict(self.store.copy_signatures())
        scored = [(float(mh.jaccard(_minhash(s))), c) for c, s in stored.items()]
        found = self.recent.find_original(sig, threshold)
        if found:
            scored.append((found[1], found[0]))
        scored = [(s, c) for s, c in scored if s >= threshold]
        if not scored:
            return None
        score, doc_id = min(scored, key=lambda sc: (-sc[0], sc[1]))
        return doc_id, score
