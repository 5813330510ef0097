"""Long-lived Grammalecte worker for FrançaisFluide.

Loads Grammalecte once, then answers JSON lines on stdin with JSON lines on stdout:

  {"id": 1, "op": "check", "text": "...", "options": {"gc": {"apos": false}, "spellSuggestions": true}}
    -> {"id": 1, "paragraphs": [{"start": 0, "grammar": [...], "spelling": [...]}]}
  {"id": 2, "op": "conjugate", "verb": "finir"}
    -> {"id": 2, "verb": "finir", "known": true, "group": "2", "auxiliary": "avoir",
        "conjugation": {":Ip": {":1s": "finis", ...}, ...}}   (Grammalecte's tense and person codes)
  {"id": 3, "op": "conjugate", "verb": "xyzzer"} -> {"id": 3, "verb": "xyzzer", "known": false}
  {"id": 4, "op": "analyze", "text": "..."}
    -> {"id": 4, "tokens": [[0, 2, "WORD", "Ma"], [3, 7, "WORD", "mère"], ...],
        "lexicon": {"WORD Ma": {"morph": [">ma/:G:Dp:f:s/*"]}, "WORD mère": {...}}}
       Each token is [start, end, kind, value]. "lexicon" describes each word (key: kind, a space, value) the first
       time this worker sends it; the app keeps the descriptions (Lexicon in learner-rules/analysis.ts) and reads
       later tokens of the word from them. Past LEXICON_SIZE words, or after an answer that failed (it may have
       described words the app never received), an answer carries "lexiconReset": true: the app forgets every
       description before reading that answer's, which then describe every word of its text.
       A description has "morph" and, where they apply, "elides": true (the word takes l’, d’, qu’…; absent: it
       does not), "inflections" (its masculine/feminine singular/plural forms, an empty list left out), "verbs"
       (per lemma, only what the learner rules read: Analyzer.verbs) and, for a word the lexicon does not know,
       "verbGuesses" (an irregular verb conjugated as a regular one: the right form).
  {"id": 5, "op": "check", "text": "...", "options": {...}, "analyze": true}
    -> {"id": 5, "paragraphs": [...], "tokens": [...], "lexicon": {...}}: the check and the analysis of the same
       text in one request (one round trip, one deadline for both), as the learner rules need them.
  Any failure -> {"id": n, "error": "ExceptionName: message"}

A request may carry "deadline", in milliseconds since the Unix epoch (the pool's clock: same machine). Past it
the worker stops that request, wherever Grammalecte is, and answers
  {"id": n, "timedOut": true, "error": "RequestTimedOut: ..."}
then reads the next request: a text too slow to check costs its time budget, not the worker.

Offsets ("start", "nStart", "nEnd") are Python str indices, i.e. code points of the whole input text.
Only paragraphs that have errors are listed.

On startup it prints one line: {"ready": true, "version": "...", "loadSeconds": 0.2, "optionLabels": {...}}
or, when Grammalecte cannot be loaded, {"fatal": "..."} and exits with status 3.

Must run under the Python that has python3-grammalecte (Debian installs it for /usr/bin/python3 only).
"""

import functools
import json
import os
import re
import signal
import sys
import time
import traceback

# Grammalecte and its dictionaries may print (echo) on stdout: keep the real stdout for protocol lines
# only, and point file descriptor 1 and sys.stdout at stderr before anything is imported.
_protocol_out = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
sys.stdout = sys.stderr

EXIT_CANNOT_LOAD = 3


class RequestTimedOut(BaseException):
    """Raised by SIGALRM inside Grammalecte. A BaseException, so that Grammalecte's own
    `except Exception` clauses, which wrap what they catch, let it through unchanged."""


def _raise_timeout(_signum, _frame):
    raise RequestTimedOut("the request's deadline passed")


def run_before_deadline(deadline_ms, call):
    """call(), stopped by RequestTimedOut once the wall clock reaches deadline_ms (no deadline: never)."""
    if deadline_ms is None:
        return call()
    if not isinstance(deadline_ms, (int, float)) or isinstance(deadline_ms, bool):
        raise ValueError("deadline must be milliseconds since the Unix epoch, got " + repr(deadline_ms))
    remaining = deadline_ms / 1000 - time.time()
    if remaining <= 0:
        raise RequestTimedOut("the request's deadline had passed when the worker came to it")
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class EncodedJson(str):
    """A value already encoded as JSON text (the analysis, built from each word's cached encoding): encode() places
    it in the message as it is."""


def to_json(message):
    encoded = {key: value for key, value in message.items() if isinstance(value, EncodedJson)} if isinstance(message, dict) else {}
    if not encoded:
        return json.dumps(message, ensure_ascii=False)
    plain = json.dumps({key: value for key, value in message.items() if key not in encoded}, ensure_ascii=False)
    members = ",".join(json.dumps(key) + ":" + value for key, value in encoded.items())
    return plain[:-1] + ("," if plain != "{}" else "") + members + "}"


def encode(message):
    """One protocol line in UTF-8: a third of the bytes of \\u escapes for accented letters. A lone surrogate
    (possible in a JavaScript string) has no UTF-8 form: a message holding one is sent with escapes."""
    line = to_json(message)
    try:
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(json.loads(line), ensure_ascii=True).encode("ascii") + b"\n"


def send(message):
    _protocol_out.write(encode(message))
    _protocol_out.flush()


def split_paragraphs(text):
    """Yield (start, paragraph) like grammalecte.text.getParagraph, but with starts in the original text.

    getParagraph first rewrites \\r\\n and \\r to \\n and then splits on \\n, which shifts every offset
    after a CRLF by one; splitting on the original separators keeps starts exact.
    """
    start = 0
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\r" or char == "\n":
            yield start, text[start:index]
            index += 2 if char == "\r" and index + 1 < length and text[index + 1] == "\n" else 1
            start = index
        else:
            index += 1
    yield start, text[start:]


def grammar_error_to_json(error):
    return {
        "nStart": error["nStart"],
        "nEnd": error["nEnd"],
        "sLineId": error["sLineId"],
        "sRuleId": error["sRuleId"],
        "sType": error["sType"],
        "sMessage": error["sMessage"],
        "aSuggestions": list(error["aSuggestions"]),
        "URL": error.get("URL", ""),
    }


def spelling_error_to_json(token):
    return {
        "nStart": token["nStart"],
        "nEnd": token["nEnd"],
        "sValue": token["sValue"],
        "aSuggestions": list(token.get("aSuggestions", [])),
    }


WORD_CACHE_SIZE = 50_000
# Words a worker describes once and the app keeps (per worker); past this many, both start over.
LEXICON_SIZE = 10_000
WORD_KINDS = ("WORD", "WORDELD")
PERSONS = (":1s", ":2s", ":3s", ":1p", ":2p", ":3p")
PARTICIPLES = {":m:s": "ms", ":f:s": "fs", ":m:p": "mp", ":f:p": "fp"}
FEMININE_PARTICIPLE = {":f:s": "fs"}
VOWEL_START = re.compile(r"^[aeéèêëiîïoôuûùyœæàâ]", re.IGNORECASE)
# A reading whose lemma's present subjunctive the subjunctive rule may suggest: the same test as its
# subjunctiveFor (learner-rules/subjunctive-after-trigger.ts), on the whole morphology string.
SUBJUNCTIVE_CANDIDATE = re.compile(r":V.*:(?:I[pf]|K)")

# A regular ending a learner may put on an irregular verb's stem: (ending, tense, person) in Grammalecte's codes.
# Future and conditional endings go on the whole infinitive (venir-ai), the others on a stem (dis-ez, prend-u).
INFINITIVE_ENDINGS = (
    ("ai", ":If", ":1s"), ("as", ":If", ":2s"), ("a", ":If", ":3s"), ("ons", ":If", ":1p"), ("ez", ":If", ":2p"),
    ("ont", ":If", ":3p"), ("ais", ":K", ":1s"), ("ait", ":K", ":3s"), ("ions", ":K", ":1p"), ("iez", ":K", ":2p"),
    ("aient", ":K", ":3p"),
)
STEM_ENDINGS = (
    ("ez", ":Ip", ":2p"), ("ons", ":Ip", ":1p"), ("ent", ":Ip", ":3p"),
    ("u", ":Q", ":m:s"), ("ue", ":Q", ":f:s"), ("us", ":Q", ":m:p"), ("ues", ":Q", ":f:p"),
    ("i", ":Q", ":m:s"), ("ie", ":Q", ":f:s"), ("é", ":Q", ":m:s"), ("ée", ":Q", ":f:s"),
)
# Stem + these is a word of the verb whose stem it is: prend-re, ouvr-ir, dis-ons, mourr-ai, boiv-ent.
STEM_COMPLETIONS = ("re", "ir", "oir", "", "s", "ons", "ent", "ai", "e")


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def encoded_kind_and_value(kind, value):
    """A token's kind and value as the JSON text of two array items."""
    return json.dumps(kind) + "," + json.dumps(value, ensure_ascii=False)


class Analysis:
    """A text's tokens as encoded JSON arrays, and its words by lexicon key (kind, a space, value)."""

    def __init__(self):
        self.tokens = []
        self.words = {}


class Analyzer:
    """Tokens of a text with the morphology of Grammalecte's lexicon, for the learner rules (learner-rules/)."""

    def __init__(self, spellchecker, conj):
        from grammalecte.fr import gc_functions

        self.spell = spellchecker
        self.tokenizer = spellchecker.getTokenizer()
        self.conj = conj
        self.functions = gc_functions
        # Keys of the words described to the app since the last reset (see the protocol above).
        self.described = set()
        self.must_reset = False

    def analyze(self, text):
        """The analysis of `text`: the "tokens" and "lexicon" members of the answer (see the protocol above)."""
        if not isinstance(text, str):
            raise ValueError("analyze needs a string 'text', got " + type(text).__name__)
        analysis = Analysis()
        for start, paragraph in split_paragraphs(text):
            self.add_tokens(self.tokenizer.genTokens(paragraph), start, analysis)
        return self.members(analysis)

    def add_tokens(self, tokens, paragraph_start, analysis):
        for token in tokens:
            value, kind = token["sValue"], token["sType"]
            analysis.tokens.append("[%d,%d,%s]" % (
                paragraph_start + token["nStart"], paragraph_start + token["nEnd"], encoded_kind_and_value(kind, value),
            ))
            if kind in WORD_KINDS:
                analysis.words[kind + " " + value] = (value, kind)

    def members(self, analysis):
        """The answer's "tokens", "lexicon" with the words of the text the app has not been sent yet, and
        "lexiconReset" when the app must first forget the descriptions it has."""
        reset = self.must_reset or len(self.described) + len(analysis.words) > LEXICON_SIZE
        if reset:
            self.described = set()
        new = [(key, word) for key, word in analysis.words.items() if key not in self.described]
        lexicon = ",".join(json.dumps(key, ensure_ascii=False) + ":{" + self.encoded_word(*word) + "}" for key, word in new)
        self.described.update(key for key, _ in new)
        self.must_reset = False
        members = {"tokens": EncodedJson("[" + ",".join(analysis.tokens) + "]"), "lexicon": EncodedJson("{" + lexicon + "}")}
        if reset:
            members["lexiconReset"] = True
        return members

    def forget(self):
        """After an answer that failed: it may have described words the app never received, so describe all again."""
        self.described = set()
        self.must_reset = True

    # Texts repeat their words (le, est, a…): what the lexicon says of one is computed and encoded once.
    @functools.lru_cache(maxsize=WORD_CACHE_SIZE)
    def encoded_word(self, value, kind):
        """word()'s object as JSON text without its braces ("morph" is always there)."""
        return json.dumps(self.word(value, kind), ensure_ascii=False)[1:-1]

    # Only what a learner rule reads is sent (the answer is parsed on the app's event loop): a field left out
    # is one no rule can read for this word (learner-rules/analysis.ts lists who reads what).
    def word(self, value, kind):
        morph = self.spell.getMorph(value)
        result = {"morph": morph}
        if self.elides(value, morph):
            result["elides"] = True
        inflected = any(":N" in m or ":A" in m or ":Q" in m for m in morph)
        if inflected:
            result["inflections"] = self.inflections(value)
        participles = PARTICIPLES if any(":Y" in m for m in morph) else FEMININE_PARTICIPLE if inflected else {}
        verbs = self.verbs(morph, participles)
        if verbs:
            result["verbs"] = verbs
        if not morph and kind == "WORD":
            guesses = self.verb_guesses(value)
            if guesses:
                result["verbGuesses"] = guesses
        return result

    def verbs(self, morph, participles):
        """Per verb lemma of `morph`, what the learner rules read of it and nothing else (lemmas needing nothing are
        left out):
        - "pastParticiple", the forms keyed by `participles` ("" where none): all four for a word with an infinitive
          reading (infinitive-for-past-participle writes them), the feminine singular alone for a word with a noun,
          adjective or participle reading (plural-of-countable-noun tells a feminine from a participle with it);
        - "subjunctive", the present subjunctive for the persons of the lemma's indicative present, future or
          conditional readings, which subjunctiveFor (subjunctive-after-trigger) may ask for; a missing form is left out."""
        lemmas = list(dict.fromkeys(m[1:m.index("/")] for m in morph if ":V" in m and "/" in m))
        persons = {}
        for m in morph:
            if "/" in m and SUBJUNCTIVE_CANDIDATE.search(m):
                persons.setdefault(m[1:m.index("/")], set()).update(who for who in PERSONS if who in m)
        verbs = []
        for lemma in lemmas:
            if not self.conj.isVerb(lemma):
                continue
            forms = {"infinitive": lemma}
            if participles:
                forms["pastParticiple"] = {key: self.conj.getConj(lemma, ":Q", who) or "" for who, key in participles.items()}
            subjunctive = self.subjunctive(lemma, persons.get(lemma, ()))
            if subjunctive:
                forms["subjunctive"] = subjunctive
            if len(forms) > 1:
                verbs.append(forms)
        return verbs

    @staticmethod
    def elides(value, morph):
        # Grammalecte tags words starting with a mute h "É" and those refusing elision (aspirated h, yaourt, onze) "é".
        tags = {m.split(";")[1][0] for m in morph if ";" in m and len(m.split(";")[1]) > 0}
        if "é" in tags:
            return False
        if "É" in tags:
            return True
        return bool(VOWEL_START.match(value))

    def inflections(self, value):
        f = self.functions
        forms = {"ms": f.suggMasSing(value), "fs": f.suggFemSing(value), "mp": f.suggMasPlur(value), "fp": f.suggFemPlur(value)}
        lists = {key: [form for form in forms.split("|") if form] for key, forms in forms.items()}
        return {key: inflected for key, inflected in lists.items() if inflected}

    def subjunctive(self, lemma, persons):
        forms = {who: self.conj.getConj(lemma, ":Sp", who) for who in PERSONS if who in persons}
        return {who: form for who, form in forms.items() if form}

    def verb_lemmas(self, word):
        return [m[1:m.index("/")] for m in self.spell.getMorph(word) if ":V" in m and "/" in m]

    def verb_guesses(self, word):
        lower = word.lower()
        guesses = {}
        for ending, tense, who in INFINITIVE_ENDINGS:
            if lower.endswith(ending) and self.conj.isVerb(lower[: -len(ending)]):
                self.add_guess(guesses, lower, lower[: -len(ending)], tense, who)
            # Verbs in -re drop their e before the ending (prendr-ai): "fairai" is faire's future built that way.
            if lower.endswith(ending) and self.conj.isVerb(lower[: -len(ending)] + "e"):
                self.add_guess(guesses, lower, lower[: -len(ending)] + "e", tense, who)
        for ending, tense, who in STEM_ENDINGS:
            if not lower.endswith(ending) or len(lower) - len(ending) < 2:
                continue
            stem = lower[: -len(ending)]
            for completion in STEM_COMPLETIONS:
                candidate = stem + completion
                lemmas = [candidate] if self.conj.isVerb(candidate) else self.verb_lemmas(candidate)
                for lemma in lemmas:
                    self.add_guess(guesses, lower, lemma, tense, who)
        return list(guesses.values())

    def add_guess(self, guesses, word, lemma, tense, who):
        if not self.conj.isVerb(lemma) or not self.conj.hasConj(lemma, tense, who):
            return
        form = self.conj.getConj(lemma, tense, who)
        if form and form != word and (lemma, tense, who) not in guesses:
            guesses[(lemma, tense, who)] = {
                "infinitive": lemma, "group": self.conj.getVtyp(lemma)[0:1], "tense": tense, "person": who, "form": form,
            }


class Worker:
    def __init__(self):
        import grammalecte
        import grammalecte.fr.conj as conj
        import grammalecte.fr.gc_options as gc_options

        self.checker = grammalecte.GrammarChecker("fr", "Server")
        self.engine = self.checker.getGCEngine()
        self.conj = conj
        self.gc_options = gc_options
        self.default_options = self.engine.getDefaultOptions()
        self.version = self.engine.version
        self.analyzer = Analyzer(self.checker.getSpellChecker(), conj)

    def warm_up(self):
        # Grammalecte compiles its rules on the first parse: pay that here, not on a user's request.
        self.check("Les chat noir mange. Où est-il ? L'été.", {})

    def resolve_options(self, gc_overrides):
        unknown = sorted(name for name in gc_overrides if name not in self.default_options)
        if unknown:
            raise ValueError(
                "unknown Grammalecte option(s) " + ", ".join(unknown)
                + "; known options: " + ", ".join(sorted(self.default_options))
            )
        options = dict(self.default_options)
        options.update({name: bool(value) for name, value in gc_overrides.items()})
        return options

    def check(self, text, request_options, analysis=None):
        """The paragraphs of `text` with errors; with an Analysis, also its tokens, from the same tokenization as
        the spelling check."""
        if not isinstance(text, str):
            raise ValueError("check needs a string 'text', got " + type(text).__name__)
        options = self.resolve_options(request_options.get("gc", {}))
        spell_suggestions = bool(request_options.get("spellSuggestions", True))
        # parse() takes the options dict, but some rule conditions read the module-level
        # gc_options.dOptions (option("eepi"), option("num")…): swap it for this request and restore it.
        saved_options = self.gc_options.dOptions
        self.gc_options.dOptions = options
        try:
            paragraphs = []
            for start, paragraph in split_paragraphs(text):
                tokens = list(self.analyzer.tokenizer.genTokens(paragraph))
                if analysis is not None:
                    self.analyzer.add_tokens(tokens, start, analysis)
                if not paragraph.strip():
                    continue
                grammar = self.engine.parse(paragraph, "FR", dOptions=options)
                spelling = self.spelling_errors(tokens, spell_suggestions)
                grammar = sorted((grammar_error_to_json(e) for e in grammar), key=lambda e: e["nStart"])
                spelling = [spelling_error_to_json(t) for t in spelling]
                if grammar or spelling:
                    paragraphs.append({"start": start, "grammar": grammar, "spelling": spelling})
            return paragraphs
        finally:
            self.gc_options.dOptions = saved_options

    def spelling_errors(self, tokens, with_suggestions):
        """Grammalecte's SpellChecker.parseParagraph (what getParagraphErrors calls), on the paragraph's tokens, which
        the analysis reads too: a paragraph is tokenized once."""
        spell = self.analyzer.spell
        errors = []
        for token in tokens:
            if token["sType"] == "WORD" and not spell.isValidToken(token["sValue"]):
                if with_suggestions:
                    token = dict(token, aSuggestions=[suggestion for group in spell.suggest(token["sValue"]) for suggestion in group])
                errors.append(token)
        return errors

    def conjugate(self, verb):
        if not isinstance(verb, str):
            raise ValueError("conjugate needs a string 'verb', got " + type(verb).__name__)
        infinitive = verb.strip().lower()
        if not infinitive or not self.conj.isVerb(infinitive):
            return {"verb": infinitive, "known": False}
        table = self.conj.Verb(infinitive)
        conjugation = {
            tense: {person: form for person, form in forms.items() if person != "label"}
            for tense, forms in table.dConj.items()
        }
        return {
            "verb": infinitive,
            "known": True,
            "group": table.cGroup,
            "auxiliary": table.sVerbAux,
            "conjugation": conjugation,
        }

    def handle(self, request):
        op = request.get("op")
        if op == "check":
            if request.get("analyze") is not True:
                return {"paragraphs": self.check(request.get("text"), request.get("options") or {})}
            analysis = Analysis()
            paragraphs = self.check(request.get("text"), request.get("options") or {}, analysis)
            return {"paragraphs": paragraphs, **self.analyzer.members(analysis)}
        if op == "conjugate":
            return self.conjugate(request.get("verb"))
        if op == "analyze":
            return self.analyzer.analyze(request.get("text"))
        raise ValueError("unknown op " + repr(op) + "; expected check, conjugate or analyze")


def serve(worker, stdin):
    for raw_line in stdin:
        line = raw_line.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("request must be a JSON object")
            request_id = request.get("id")
            response = run_before_deadline(request.get("deadline"), lambda: worker.handle(request))
            response["id"] = request_id
            send(response)
        except RequestTimedOut as timeout:
            worker.analyzer.forget()
            send({"id": request_id, "timedOut": True, "error": "RequestTimedOut: " + str(timeout)})
        except Exception as error:  # one bad request must not take the worker down
            worker.analyzer.forget()
            traceback.print_exc(file=sys.stderr)
            send({"id": request_id, "error": type(error).__name__ + ": " + str(error)})


def main():
    started = time.perf_counter()
    try:
        worker = Worker()
        worker.warm_up()
    except ImportError as error:
        send({"fatal": "cannot import Grammalecte with " + sys.executable + ": " + str(error)})
        sys.exit(EXIT_CANNOT_LOAD)
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        send({"fatal": "cannot load Grammalecte with " + sys.executable + ": " + type(error).__name__ + ": " + str(error)})
        sys.exit(EXIT_CANNOT_LOAD)
    send({
        "ready": True,
        "version": worker.version,
        "loadSeconds": round(time.perf_counter() - started, 3),
        "optionLabels": {name: label[0] for name, label in worker.engine.getOptionsLabels("fr").items()
                         if isinstance(label, list) and label},
    })
    signal.signal(signal.SIGALRM, _raise_timeout)
    serve(worker, sys.stdin.buffer)


if __name__ == "__main__":
    main()
