"""The cue lexicon: verbs that report what someone said (or, less surely, thought), and
which of their complements holds the content.

The lemmas are the verbs of communication of Levin (1993, English Verb Classes and
Alternations, §37: "say" 37.7, "tell" 37.2, "manner of speaking" 37.3, "complain" 37.8,
"advise" 37.9, "promise" 13.3) and the judgement verbs of §33 ("praise", "criticize"),
plus the attribution cues found in news by Pareti (2016, "PARC 3.0") and in the PolNeAR
corpus (Newell et al., LREC 2018). ``rate`` is the share of the lemma's occurrences that
PolNeAR's *train* split annotates as an attribution cue (its dev and test splits were not
read): it shows how safe a lemma is, and lemmas under about 0.4 are left out unless
their frame makes them safe (a clause after "believe" is a claim; "believe" alone is not).

Frames (which dependent carries the content):

- ``C`` a clause: "said (that) …", "asked whether …", and the inverted "…, said Chen".
- ``O`` the direct object: "denied the allegations", "cited a poll".
- ``A`` an object and its predicate: "described Anchorage as a good “midpoint”",
  "called it a disaster".
- ``I`` an infinitive: "vowed to fight", "urged Congress to act".
- ``P:word`` a prepositional object: "warned of a crisis", "called for a ceasefire".

Class ``speech`` is saying, writing and announcing; ``stance`` is holding a view
("believe", "expect"), a weaker kind of attribution that counts only with a clause;
``manner`` verbs of manner of speaking and of going on (Levin §37.3; "continued", "shot
back") report only a quotation right beside them ("“…,” he barked"), since elsewhere they
mostly mean something else; ``after`` ("“…,” reads the sign") only a quotation just
before it, since "read “One Hundred Years of Solitude”" is reading a book.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.strings import StringStore

# lemma      frames              class    PolNeAR-train rate
_TABLE = """
say          C,O                 speech   0.85
tell         C,I                 speech   0.70
add          C                   speech   0.73
write        C                   speech   0.73
ask          C,I,P:about         speech   0.61
note         C,O                 speech   0.94
suggest      C                   speech   0.75
report       C,O                 speech   0.66
argue        C,P:for,P:against   speech   0.82
announce     C,O                 speech   0.77
explain      C,O                 speech   0.62
declare      C,A                 speech   0.69
acknowledge  C,O                 speech   0.74
insist       C                   speech   0.81
claim        C,O                 speech   0.62
warn         C,I,P:of,P:against,P:about  speech   0.84
state        C                   speech   0.72
reveal       C,O                 speech   0.65
agree        C                   speech   0.44
conclude     C                   speech   0.70
predict      C,O                 speech   0.65
admit        C,O                 speech   0.47
tweet        C                   speech   0.67
post         C                   speech   0.46
confirm      C,O                 speech   0.48
deny         C,O                 speech   0.43
stress       C,O                 speech   0.88
emphasize    C,O                 speech   0.56
emphasise    C,O                 speech   0.56
underscore   C,O                 speech   0.37
highlight    O                   speech   0.49
outline      O                   speech   0.53
assert       C                   speech   0.62
contend      C                   speech   0.54
maintain     C                   speech   0.16
complain     C,P:about,P:of      speech   0.67
recall       C,O                 speech   0.80
testify      C                   speech   0.32
concede      C                   speech   0.74
allege       C                   speech   0.41
remark       C                   speech   0.64
observe      C                   speech   0.50
caution      C,P:against         speech   0.91
inform       C                   speech   0.38
assure       C                   speech   0.54
promise      C,I                 speech   0.73
vow          C,I                 speech   0.89
pledge       C,I                 speech   0.34
threaten     I                   speech   0.41
respond      C                   speech   0.43
reply        C                   speech   0.82
retort       C                   speech   -
counter      C                   speech   -
answer       C                   speech   0.23
urge         I                   speech   0.67
demand       C,I                 speech   0.37
propose      C,O,I               speech   0.47
recommend    C                   speech   0.38
advise       C,I                 speech   -
describe     A,O                 speech   0.64
call         A,P:for,P:on        speech   0.53
appeal       P:to,P:for          speech   -
label        A                   speech   0.57
dub          A                   speech   0.62
term         A                   speech   -
characterize A                   speech   -
characterise A                   speech   -
cite         O                   speech   0.83
criticize    O                   speech   0.67
criticise    O                   speech   0.67
accuse       O                   speech   0.74
praise       O                   speech   0.75
denounce     O                   speech   0.77
condemn      O                   speech   0.42
blast        O                   speech   0.91
slam         O                   speech   0.75
mock         O                   speech   0.65
tout         O                   speech   0.85
dismiss      O                   speech   0.71
reject       O                   speech   0.54
question     C,O                 speech   0.67
blame        O                   speech   0.59
defend       O                   speech   0.42
endorse      O                   speech   0.46
express      O                   speech   0.65
refer        P:to                speech   0.64
apologize    C,P:for             speech   -
apologise    C,P:for             speech   -
indicate     C                   speech   0.71
point        C                   speech   0.71
mention      C,O                 speech   0.65
signal       C                   speech   0.53
boast        C                   speech   0.63
joke         C                   speech   0.62
quip         C                   speech   -
reiterate    C,O                 speech   0.81
repeat       C,O                 speech   0.43
clarify      C                   speech   0.38
speculate    C                   speech   0.64
hint         C                   speech   0.75
imply        C                   speech   0.42
shout        C                   speech   0.42
yell         C                   speech   0.44
exclaim      C                   speech   -
whisper      C                   speech   -
decline      I                   speech   0.70
refuse       I                   speech   0.61
accord       C                   speech   0.92
continue     -                   manner   0.27
put          -                   manner   -
read         -                   after    0.22
chant        -                   manner   -
bark         -                   manner   -
beam         -                   manner   -
boom         -                   manner   -
thunder      -                   manner   -
roar         -                   manner   -
snap         -                   manner   -
shoot        -                   manner   -
fire         -                   manner   -
mutter       -                   manner   -
murmur       -                   manner   -
scream       -                   manner   -
cry          -                   manner   -
sigh         -                   manner   -
laugh        -                   manner   -
scoff        -                   manner   -
gush         -                   manner   -
marvel       -                   manner   -
muse         -                   manner   -
interject    -                   manner   -
intone       -                   manner   -
grumble      -                   manner   -
lament       -                   manner   -
plead        -                   manner   -
rant         -                   manner   -
sneer        -                   manner   -
tease        -                   manner   -
begin        -                   manner   -
reason       -                   manner   -
offer        -                   manner   -
proclaim     -                   manner   -
show         C                   stance   0.48
find         C                   stance   0.25
believe      C                   stance   0.23
think        C                   stance   0.13
know         C                   stance   0.19
expect       C                   stance   0.54
hope         C                   stance   0.27
fear         C                   stance   0.51
worry        C                   stance   0.46
feel         C                   stance   0.14
wonder       C                   stance   0.48
doubt        C                   stance   -
suspect      C                   stance   0.40
estimate     C                   stance   0.44
"""

# spaCy's lemmatiser reads "hoping" as a form of "hop".
_LEMMA_FIXES = {("hop", "hoping"): "hope", ("hop", "hoped"): "hope"}


@dataclass(frozen=True)
class Cue:
    lemma: str
    frames: frozenset[str]
    kind: str  # speech or stance

    def takes(self, frame: str) -> bool:
        return frame in self.frames

    @property
    def prepositions(self) -> frozenset[str]:
        return frozenset(f[2:] for f in self.frames if f.startswith("P:"))


def _load(table: str) -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    for line in table.strip().splitlines():
        lemma, frames, kind, _rate = line.split()
        cues[lemma] = Cue(lemma, frozenset(frames.split(",")) - {"-"}, kind)
    return cues


CUES = _load(_TABLE)


def cue_lemma(lemma: str, lower: str) -> str:
    """The lemma to look up, with the lemmatiser's known slips fixed."""
    return _LEMMA_FIXES.get((lemma, lower), lemma)


def find_cue(lemma: str, lower: str = "") -> Cue | None:
    return CUES.get(cue_lemma(lemma.lower(), lower))


def cue_lemma_hashes(strings: StringStore) -> frozenset[int]:
    """The lexicon's lemmas (and the lemmatiser's slips for them) as spaCy string hashes,
    to pick out candidate cue tokens from an attribute array."""
    lemmas = {*CUES, *(lemma for lemma, _ in _LEMMA_FIXES)}
    return frozenset(strings[lemma] for lemma in lemmas)
