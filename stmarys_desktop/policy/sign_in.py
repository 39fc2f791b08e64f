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


def password_strength(password: str) -> tuple[int, str]:
    """A 0-4 score and a word for it, shown while a new password is typed."""
    if password_problem(password):
        return 0, "Too short"
    classes = sum(any(test(ch) for ch in password)
                  for test in (str.islower, str.isupper, str.isdigit,
                               lambda ch: not ch.isalnum()))
    score = 1 + (len(password) >= 14) + (len(password) >= 20) + (classes >= 3)
    return min(score, 4), ["Too short", "Weak", "Fair", "Good", "Strong"][min(score, 4)]
