"""The clauses now live in `stmarys_desktop.domain.clauses` (issue 17: the one `Decision`
of domain/decisions.py names one). Kept only so that branches written before the move
still import; new code imports from domain."""

from stmarys_desktop.domain.clauses import WORDS, Clause

__all__ = ["WORDS", "Clause"]
