"""How long to wait after failed sign-ins (DESIGN.md section 4).

The wait doubles with each failure in a row, from one second up to a
minute; a success clears it. It is counted per front-desk PC, not per user
name, so it says nothing about which names exist.
"""

MAX_WAIT_SECONDS = 60.0
DEFAULT_IDLE_MINUTES = 5  # the window locks after this long without use (a setting)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


def wait_after(failures: int) -> float:
    if failures <= 0:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - 1))


def password_problem(password: str) -> str | None:
    """Why a new password cannot be used, or None when it can."""
    if not password.strip():
        return "The password cannot be empty."
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password must be at most {MAX_PASSWORD_LENGTH} characters long."
    return None


STRENGTH_WORDS = ["Too short", "Weak", "Fair", "Good", "Strong"]
# zxcvbn's time grows with the length it is given; beyond this the rest adds nothing.
STRENGTH_CHARS_CHECKED = 100


def password_strength(password: str) -> tuple[int, str]:
    """A 0-4 score and a word for it, shown while a new password is typed: zxcvbn's
    estimate of how guessable it is (words, names, keyboard runs, repeats, dates), so
    "aaaaaaaaaaaaaaaaaaaa" is Weak however long (D208). 0 is kept for too short."""
    if password_problem(password):
        return 0, STRENGTH_WORDS[0]
    from zxcvbn import zxcvbn  # 0.1 s to load its word lists: only once someone types

    score = max(1, int(zxcvbn(password[:STRENGTH_CHARS_CHECKED])["score"]))
    return score, STRENGTH_WORDS[score]
