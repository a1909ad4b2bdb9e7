"""History from other tools, turned into blocks: Flowkeeper's event log, Focus Timer's
(gnome-pomodoro's) database, Toggl Track's and Clockify's CSV exports, Hamster's database.

Each reader here is pure: it takes text, or the rows a :mod:`data.foreign` reader took from a
database, and gives :class:`tracker.foreign.outcome.Foreign`: the blocks, each named by its
place in the file, and what was skipped and why. The rules of an import (all or nothing, no
overlaps, nothing in the future) are then those of every import.
"""
