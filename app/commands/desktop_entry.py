"""``flowtally desktop install|remove``: the applications menu's entry, the icon and the
``flowtally`` launcher on PATH, for this installation (:mod:`app.desktop`)."""

from app import desktop
from app.commands.context import Context
from app.language import requests as rq
from tracker.i18n import _


def desktop_(ctx: Context, args: rq.Desktop) -> int:
    if args.step == "remove":
        removed = desktop.remove()
        if not removed:
            print(_("Nothing to remove: Flowtally was not in the menu."), file=ctx.out)
        for path in removed:
            print(_("Removed {path}.").format(path=path), file=ctx.out)
        return 0
    done = desktop.install()
    print(
        _("Flowtally is in the applications menu ({entry}), with its icon.").format(
            entry=done.entry
        ),
        file=ctx.out,
    )
    print(
        _("The command 'flowtally' runs this installation: {launcher}.").format(
            launcher=done.launcher
        ),
        file=ctx.out,
    )
    if not done.on_path:
        print(
            _(
                "{folder} is not on your PATH: add it to your shell's profile "
                "(export PATH='{folder}':$PATH), or type the full path."
            ).format(folder=done.launcher.parent),
            file=ctx.out,
        )
    return 0
