"""Errors a user can cause and fix, each with a message that says what to do.

The command line and the bot turn these into one line for the person; anything else
is a bug and keeps its traceback.
"""


class GongkaiError(Exception):
    """Base of every error that is the input's fault, not the program's."""


class UnreadableFile(GongkaiError):
    """The file cannot be opened or decoded (empty, binary, unknown encoding, corrupt)."""


class UnsupportedFormat(GongkaiError):
    """The file is of a kind gongkai does not read (.doc, .wps, images, archives)."""


class NotAReport(GongkaiError):
    """The file was read but is not an annual report (no table 三, no report title)."""


class FileTooLarge(GongkaiError):
    """The file is over the configured size limit."""
