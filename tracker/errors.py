"""Errors the user can cause; each carries a message meant to be shown as it is."""


class FlowtallyError(Exception):
    """Base of every error that is the user's input or the state of their data, not a bug."""


class ValidationError(FlowtallyError):
    """A record breaks the model's rules.

    ``path`` names the offending field relative to the record (``"pauses[1].end"``) so that an
    import can prefix it with the record's own position in the file.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)

    def within(self, prefix: str) -> "ValidationError":
        """The same error, located inside the record at ``prefix`` (``blocks[3]``)."""
        return ValidationError(f"{prefix}.{self.path}" if self.path else prefix, self.reason)


class TransitionError(FlowtallyError):
    """A command that does not fit the running block's state (e.g. pausing while idle)."""


class SettingsError(FlowtallyError):
    """A setting value that the model cannot work with; the old settings stay in force."""
