"""Which items of a table say the same thing: suggestions for the moderator, plain Python, no Telegram.

Participants write in Spanish or English, with or without accents, in capitals, in any word order. Two
signals, each blind to one of those differences, are blended:

- content words: normalised (case folded, accents stripped), stop words dropped, lightly stemmed, spelling
  variants folded ("ph" -> "f", doubled letters), and the workshop domain's most common terms mapped across
  the two languages by a small glossary (``empleo`` and ``employment`` are one concept);
- character trigrams of those words, which catch the cognates and typos the stemmer misses
  (``reintegración`` / ``reintegration``, ``comunidad`` / ``community``).

No dependency is needed: for tables of tens to hundreds of items the pure-Python cost is negligible, and
rapidfuzz's edit-distance scores do not know about languages or stop words, which is where the signal is.
``bench/duplicates_quality.py`` measures precision and recall of the top 3 on a labelled set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_STOP_TEXT = """
a al algo algun alguna algunas alguno algunos ante antes aqui asi aun cada como con contra cual cuales
cuando de del desde donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta estan estas
este esto estos fue ha hace hacen han hasta hay la las le les lo los mas me mi mientras muy ni no nos o
otra otras otro otros para pero poco por porque que quien quienes se sea segun ser si sin sobre son su
sus tambien tan tanto te tiene tienen todo todos tu un una unas uno unos ya y debe deben hay que puedan
pueden puede e u sean fueron
a about after all also an and any are as at be been before being both but by can could do does during
each for from had has have how if in into is it its itself may more most must no not of on once only or
other our should so some such than that the their them themselves there these they this those through to
too under until up very was we were what when where which while who whom why will with would own back
crear create set establecer establish implementar implement persona personas person people
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# The workshop domain's frequent terms, Spanish and English prefixes of a normalised word -> one concept.
# Only vocabulary of migration, return and reintegration lives here: events, places and tables do not.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("retornad", "return"), ("returne", "return"), ("retorn", "return"), ("return", "return"),
    ("regres", "return"), ("deport", "return"), ("volver", "return"),
    ("reintegr", "reintegr"), ("reinsert", "reintegr"),
    ("emple", "employ"), ("employ", "employ"), ("trabaj", "employ"), ("job", "employ"), ("labor", "employ"),
    ("laboral", "employ"), ("contrat", "employ"), ("hire", "employ"), ("hiring", "employ"),
    ("vivienda", "housing"), ("housing", "housing"), ("albergue", "shelter"), ("refugio", "shelter"),
    ("shelter", "shelter"),
    ("salud", "health"), ("health", "health"), ("sanitar", "health"),
    ("nina", "child"), ("nino", "child"), ("ninez", "child"), ("child", "child"), ("infan", "child"),
    ("menor", "child"), ("minor", "child"), ("adolesc", "adolesc"),
    ("mujer", "women"), ("women", "women"), ("woman", "women"), ("femen", "women"),
    ("famil", "family"), ("padre", "parent"), ("parent", "parent"),
    ("capacit", "training"), ("formacion", "training"), ("training", "training"), ("train", "training"),
    ("credit", "credit"), ("prestam", "loan"), ("loan", "loan"), ("prest", "loan"), ("banco", "bank"),
    ("bank", "bank"),
    ("financ", "funding"), ("fund", "funding"), ("presupuest", "budget"), ("budget", "budget"),
    ("document", "document"), ("papel", "document"), ("identidad", "identity"), ("identity", "identity"),
    ("escuel", "school"), ("school", "school"), ("escolar", "school"), ("educa", "education"),
    ("estudi", "studies"), ("studi", "studies"), ("degree", "degree"), ("titul", "degree"),
    ("psicosoc", "psychosocial"), ("psychosoc", "psychosocial"), ("psicolog", "psychosocial"),
    ("mental", "mental"), ("trauma", "trauma"),
    ("estigma", "stigma"), ("stigma", "stigma"), ("discrimin", "discrimination"), ("rechaz", "rejection"),
    ("reject", "rejection"),
    ("comunidad", "community"), ("comunitar", "community"), ("communit", "community"),
    ("municip", "municipal"), ("local", "local"),
    ("certific", "certify"), ("certify", "certify"), ("reconoc", "recognise"), ("recogni", "recognise"),
    ("homolog", "recognise"),
    ("datos", "data"), ("data", "data"), ("base", "base"),
    ("llegada", "arrival"), ("llegar", "arrival"), ("llegan", "arrival"), ("arriv", "arrival"),
    ("recepcion", "reception"), ("reception", "reception"), ("receiv", "reception"),
    ("negoc", "business"), ("business", "business"), ("emprend", "business"), ("entrepren", "business"),
    ("empresa", "company"), ("compan", "company"), ("privad", "private"), ("private", "private"),
    ("violenc", "violence"), ("violence", "violence"), ("trata", "trafficking"), ("traffick", "trafficking"),
    ("victima", "victim"), ("victim", "victim"),
    ("coyote", "smuggler"), ("traficante", "smuggler"), ("smuggl", "smuggler"),
    ("deud", "debt"), ("endeud", "debt"), ("debt", "debt"),
    ("acompan", "followup"), ("seguimiento", "followup"), ("follow", "followup"), ("mentor", "followup"),
    ("coordin", "coordination"), ("interinstitucional", "coordination"), ("institu", "institution"),
    ("gobiern", "government"), ("govern", "government"),
    ("consul", "consulate"), ("informa", "information"), ("inform", "information"),
    ("pandill", "gang"), ("mara", "gang"), ("gang", "gang"), ("amenaz", "threat"), ("threat", "threat"),
    ("desplaz", "displaced"), ("displac", "displaced"),
    ("diaspora", "diaspora"), ("productiv", "productive"),
    ("pares", "peer"), ("peer", "peer"), ("apoyo", "support"), ("support", "support"), ("red", "network"),
    ("network", "network"),
    ("enfermedad", "disease"), ("diseas", "disease"), ("illness", "disease"), ("cronic", "chronic"),
    ("chronic", "chronic"),
    ("reunific", "reunification"), ("reunif", "reunification"), ("separad", "separated"),
    ("separat", "separated"),
    ("indicador", "indicator"), ("indicator", "indicator"), ("medir", "measure"), ("measur", "measure"),
    ("sosten", "sustainable"), ("sustain", "sustainable"),
    ("agric", "farming"), ("farm", "farming"), ("tierra", "land"), ("land", "land"), ("rural", "rural"),
    ("transport", "transport"), ("origen", "origin"), ("origin", "origin"), ("home", "origin"),
    ("sociedad", "society"), ("societ", "society"), ("civil", "civil"), ("organiz", "organisation"),
    ("organis", "organisation"), ("disen", "design"), ("design", "design"),
    ("espanol", "spanish"), ("spanish", "spanish"), ("ingles", "english"), ("english", "english"),
    ("clase", "class"), ("class", "class"),
    ("ley", "law"), ("law", "law"), ("legal", "law"), ("juridic", "law"), ("marco", "framework"),
    ("framework", "framework"),
    ("derecho", "rights"), ("right", "rights"), ("gratuit", "free"), ("free", "free"),
    ("asesor", "advice"), ("advice", "advice"), ("orienta", "guidance"), ("guidanc", "guidance"),
    ("genero", "gender"), ("gender", "gender"),
    ("segur", "insurance"), ("insur", "insurance"),
    ("linea", "online"), ("online", "online"), ("bolsa", "board"), ("board", "board"),
    ("practic", "practice"), ("intercambi", "exchange"), ("exchang", "exchange"), ("compart", "exchange"),
    ("pais", "country"), ("countr", "country"), ("region", "region"),
    ("discapac", "disability"), ("disabil", "disability"),
    ("nacional", "national"), ("national", "national"),
    ("ventanilla", "onestop"), ("onestop", "onestop"), ("stop", "onestop"), ("window", "onestop"),
    ("atencion", "service"), ("punto", "point"), ("point", "point"),
    ("campan", "campaign"), ("campaign", "campaign"), ("sensibiliz", "awareness"), ("awareness", "awareness"),
    ("temporal", "temporary"), ("temporar", "temporary"),
    ("tecnic", "technical"), ("technic", "technical"), ("mercado", "market"), ("market", "market"),
    ("demanda", "demand"), ("demand", "demand"), ("pide", "demand"),
    ("competenc", "skills"), ("skill", "skills"), ("habilidad", "skills"),
    ("extranjer", "abroad"), ("exterior", "abroad"), ("abroad", "abroad"), ("foreign", "abroad"),
    ("semilla", "seed"), ("seed", "seed"), ("capital", "capital"),
    ("servic", "service"), ("service", "service"), ("acces", "access"),
    ("protocol", "protocol"), ("digna", "dignified"), ("dignif", "dignified"),
    ("identific", "identify"), ("temprana", "early"), ("early", "early"),
    ("dispon", "available"), ("availab", "available"),
    ("primer", "first"), ("first", "first"), ("ano", "year"), ("year", "year"),
    ("individual", "individual"), ("personaliz", "individual"), ("cada", "each"), ("each", "each"),
    ("centro", "centre"), ("centre", "centre"), ("center", "centre"), ("oficina", "centre"),
    ("office", "centre"),
)
_SUFFIXES = tuple(sorted((
    "aciones", "acion", "amientos", "amiento", "imientos", "imiento", "idades", "idad", "mente", "ciones",
    "cion", "siones", "sion", "ismos", "ismo", "istas", "ista", "ables", "able", "ibles", "ible", "ivas",
    "ivos", "iva", "ivo", "icas", "icos", "ica", "ico", "ales", "ados", "adas", "ado", "ada", "idos", "idas",
    "ido", "ida", "ar", "er", "ir", "es", "as", "os", "a", "o", "e", "s",
    "ations", "ation", "ments", "ment", "ities", "ity", "ness", "ings", "ing", "ed", "ly", "ives", "ive",
    "ical", "ics", "ic", "als", "al", "tions", "tion", "ies", "y",
), key=len, reverse=True))
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
TOP = 3
THRESHOLD = 0.42          # below this, two items are not worth a moderator's glance (see the bench)


def normalise(text: str) -> str:
    """Case folded, accents stripped, punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain).strip()


def _spelling(word: str) -> str:
    """Fold spellings that differ between the two languages (psychosocial / psicosocial)."""
    for old, new in (("ph", "f"), ("th", "t"), ("ch", "c"), ("qu", "c"), ("k", "c"), ("y", "i")):
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def concept(word: str) -> str | None:
    """The glossary's concept for a word; short entries ("red", "ley") must match the whole word."""
    for prefix, name in GLOSSARY:
        if len(prefix) <= 4:
            if word in (prefix, prefix + "s", prefix + "es"):
                return name
        elif word.startswith(prefix):
            return name
    return None


def words(text: str) -> list[str]:
    """The content words of a text, each as a concept or a folded stem."""
    found = []
    for word in normalise(text).split():
        if word in STOP_WORDS or len(word) < 3 or word.isdigit():
            continue
        found.append(concept(word) or _spelling(stem(word)))
    return found


@dataclass(frozen=True)
class Profile:
    terms: frozenset[str]
    grams: frozenset[str]


def profile(text: str) -> Profile:
    terms = words(text)
    grams = set()
    for word in normalise(text).split():
        if word in STOP_WORDS or len(word) < 3:
            continue
        padded = f" {_spelling(stem(word))} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return Profile(frozenset(terms), frozenset(grams))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the shorter text the longer one covers: a terse and a wordy phrasing still match."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def similarity(a: Profile, b: Profile) -> float:
    terms = 0.5 * _dice(a.terms, b.terms) + 0.5 * _overlap(a.terms, b.terms)
    return 0.7 * terms + 0.3 * _dice(a.grams, b.grams)


def suggest(text: str, candidates: Iterable[tuple[int, str]], top: int = TOP,
            threshold: float = THRESHOLD) -> list[tuple[int, float]]:
    """The ``top`` candidates most like ``text`` (id, score), best first, above ``threshold``."""
    target = profile(text)
    scored = [(item_id, similarity(target, profile(other))) for item_id, other in candidates]
    scored = [(item_id, score) for item_id, score in scored if score >= threshold]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:top]
