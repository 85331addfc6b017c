"""The ``dkg_paragraphs`` spaCy component: a line break starts a sentence.

Runs before the parser, which keeps sentence starts set before it: a byline ("Office of
the Spokesperson"), a heading, a transcript label on its own line or a list item is not
parsed into the sentence after it.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("dkg_paragraphs")
>>> doc = nlp("Office of the Spokesperson\\n\\nChile met Peru.")
>>> [t.text for t in doc if t.is_sent_start]
['Office', 'Chile']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_line_starts"]


@Language.component("dkg_paragraphs")
def mark_line_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after each line break."""
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = "\n" in tok.whitespace_
    return doc
