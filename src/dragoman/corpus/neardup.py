"""Near-duplicate articles (syndicated copies) with MinHash LSH (datasketch).

An article whose word 5-gram set has an estimated Jaccard similarity of at least the
threshold with an earlier article is linked to the first-seen article of that group, so
counts can treat a wire story printed by fifty outlets as one source text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from dragoman.text import shingles, words

SHINGLE_WORDS = 5
# Signatures are stored, so the permutation scheme is fixed: one of another scheme could
# not be compared (datasketch >= 2.0 refuses to).
SCHEME = "affine32"


@dataclass(frozen=True)
class Match:
    duplicate_of: str
    similarity: float


class NearDuplicateIndex:
    """Articles in the order they were seen; :meth:`add` links a new one to its original."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._root: dict[str, str] = {}

    def signature(self, text: str) -> MinHash:
        return text_signature(text, self.num_perm)

    def add(self, article_id: str, text: str) -> Match | None:
        """Index the article and return the first-seen article it copies, if any."""
        return self.add_signature(article_id, self.signature(text))

    def add_signature(self, article_id: str, signature: MinHash,
                      known_root: str | None = None) -> Match | None:
        if article_id in self._signatures:
            return None
        match = None
        if known_root is None:
            match = self._find(signature)
            known_root = match.duplicate_of if match else None
        self._order[article_id] = len(self._order)
        self._signatures[article_id] = signature
        self._root[article_id] = known_root or article_id
        self._lsh.insert(article_id, signature)
        return match

    def _find(self, signature: MinHash) -> Match | None:
        best: tuple[int, str, float] | None = None
        for candidate in self._lsh.query(signature):
            similarity = signature.jaccard(self._signatures[candidate])
            if similarity < self.threshold:
                continue
            root = self._root[candidate]
            if best is None or self._order[root] < best[0]:
                best = (self._order[root], root, similarity)
        return Match(best[1], round(best[2], 4)) if best else None


def text_signature(text: str, num_perm: int) -> MinHash:
    """The MinHash of the text's word 5-grams (what the Worker computes for every article)."""
    minhash = MinHash(num_perm=num_perm, scheme=SCHEME)
    grams = shingles(words(text), SHINGLE_WORDS)
    minhash.update_batch([" ".join(g).encode("utf-8") for g in grams])
    return minhash


def signature_to_bytes(signature: MinHash) -> bytes:
    # affine32 hash values are below 2**32: four bytes each is exact.
    return np.asarray(signature.hashvalues, dtype=np.uint32).tobytes()


def signature_from_bytes(data: bytes, num_perm: int) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32).copy()
    if len(values) != num_perm:
        raise ValueError(f"stored signature has {len(values)} values, expected {num_perm}")
    return MinHash(num_perm=num_perm, hashvalues=values, scheme=SCHEME)
