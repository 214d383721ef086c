"""The errors this package raises; each message is written for the person who will read it."""


class QAError(Exception):
    """Base class: the message is shown to the user as is."""


class CorpusError(QAError):
    """A corpus file is missing, empty, binary, or otherwise unreadable."""


class ParseError(QAError):
    """A document could not be understood well enough to cite from it."""


class IndexError_(QAError):
    """The index on disk is missing, damaged, or does not match the corpus or settings."""


class QueryError(QAError):
    """A question or search query that cannot be answered as given (empty, too long, ...)."""


class NotFoundError(QAError):
    """A section, endnote or other addressed item does not exist."""


class DependencyError(QAError):
    """An optional package is missing; the message names what to install."""


class SourceError(QAError):
    """A linked source could not be fetched, read or added; `code` names the kind of failure.

    Codes: bad_url, blocked_address, dns, connect, timeout, http, too_many_redirects,
    too_large, not_a_document, unreadable, no_text, missing_file.
    """

    def __init__(self, message: str, code: str = "error") -> None:
        super().__init__(message)
        self.code = code
