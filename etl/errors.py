"""One small exception tree: every error a user can cause names the file and the problem."""


class EtlError(Exception):
    """Base of every error the CLI turns into a one-line message."""


class InputError(EtlError):
    """A file cannot be read: missing, not a supported format, undecodable, binary."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StageError(EtlError):
    """A pipeline stage failed on one file; names the stage and the file."""

    def __init__(self, stage: str, path: str, reason: str):
        super().__init__(f"{path}: {stage} failed: {reason}")
        self.stage = stage
        self.path = path
        self.reason = reason
