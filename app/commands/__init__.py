"""The commands: the runner and every handler, each taking a typed request
(:mod:`app.language`). No Qt, no knowledge of a GUI."""
