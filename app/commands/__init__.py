"""The commands: the parser, the runner and every handler. No Qt, no knowledge of a GUI."""
