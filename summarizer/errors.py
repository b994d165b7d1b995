"""The one base of the errors a user's mistake can cause: catch ``SummarizerError`` for all of them."""


class SummarizerError(ValueError):
    """Bad input, a malformed glossary, a model that is missing or cannot be loaded.

    A ValueError, as the errors it now groups always were; its message is one line for the user.
    """
