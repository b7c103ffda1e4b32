"""flake8 -j1 in-process, with or without the BTO plugin (for the memory comparison).

    python bench/flake8_runner.py [--without-plugin] PATH...

Prints the peak RSS of this process in KiB on stderr when done.
"""

from __future__ import annotations

import resource
import sys

from flake8.main.application import Application
from flake8.plugins.finder import Checkers, Plugins


def without_plugin(plugins: Plugins) -> Plugins:
    def keep(items):
        return [p for p in items if p.entry_name != "BTO"]

    checkers = Checkers(keep(plugins.checkers.tree), keep(plugins.checkers.logical_line),
                        keep(plugins.checkers.physical_line))
    return plugins._replace(checkers=checkers)


def main(argv: list[str]) -> int:
    drop = "--without-plugin" in argv
    argv = [a for a in argv if a != "--without-plugin"]
    app = Application()
    app.initialize(["--isolated", "-j1", "--exit-zero", "--output-file", "/dev/null", *argv])
    if drop:
        app.plugins = without_plugin(app.plugins)
    app.run_checks()
    app.report()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
