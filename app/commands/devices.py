"""``--device NAME``: a person's history from one of their machines only (sync brings the
others' blocks; every report shows all of them otherwise)."""

from collections.abc import Iterable

from data.store import Store
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block


def on_device(store: Store, blocks: Iterable[Block], name: str | None) -> list[Block]:
    """The blocks made on the device called ``name`` (any case); all of them without one."""
    if name is None:
        return list(blocks)
    names = store.device_names()
    wanted = {key for key, known in names.items() if known.casefold() == name.strip().casefold()}
    if not wanted:
        known = ", ".join(sorted(names.values(), key=str.casefold))
        raise FlowtallyError(
            _("no device is called {name!r}; known: {known}").format(name=name, known=known)
        )
    return [block for block in blocks if block.device in wanted]
