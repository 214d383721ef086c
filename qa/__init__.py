"""A citing question-answering assistant over a policy brief on U.S.-Mexico security cooperation."""

__version__ = "0.1.0"
