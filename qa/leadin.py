"""The words an answer puts before a quote to say whose words they are.

An answer from the brief alone quotes it bare. A quote from a source (or from another document
of the corpus) says where it comes from, and when an answer quotes several documents every
quote does, so a reader never takes a news article's words for the brief's. `LEAD_IN_RE`
recognises these lead-ins, for the eval, which checks the quote that follows them.
"""

from __future__ import annotations

import re

from qa.types import Citation

LEAD_IN_RE = re.compile(
    r"(?:The source of endnotes? [\d, ]+ \(“[^”]*”(?:, p\. \d+)?\)|“[^”]*”) says: "
)


def lead_in(citation: Citation, named: bool) -> str:
    """What the answer says before a quote: which document speaks, unless it is the brief alone.

    `named` is set when the answer quotes several documents, so each quote says whose it is.
    """
    source = citation.source
    # A closing curly quote inside the title would end the lead-in's quotation early.
    title = ((source.title if source else "") or citation.document).replace("”", '"')
    if source is not None:
        notes = ", ".join(str(n) for n in source.endnotes)
        label = "endnotes" if len(source.endnotes) > 1 else "endnote"
        where = f", p. {source.page}" if source.page else ""
        return f"The source of {label} {notes} (“{title}”{where}) says: "
    if citation.document_kind == "document" or named:
        return f"“{title}” says: "
    return ""
