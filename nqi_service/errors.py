"""Domain errors that services raise and the API renders."""


class DomainConflict(Exception):
    """The request is well-formed but conflicts with the current state (HTTP 409).

    ``code`` is a stable machine-readable code; ``extra`` is merged into the
    response body.
    """

    code = "conflict"

    def __init__(self, message: str, *, code: str | None = None, **extra):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.extra = extra
