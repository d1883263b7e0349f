"""`spyglass shell-init bash|zsh|fish`: a shell function that lands where spyglass was left.

The function runs spyglass with `--cwd-file` pointing at a private temporary
file (mktemp makes it 0600), changes the shell's folder to what the file holds
if that is a folder, and removes the file. Its arguments are passed through.
The file is read whole: a folder name that ends with a line break survives.
"""

from __future__ import annotations

import re

from spyglass.errors import SpyglassError

SHELLS = ("bash", "zsh", "fish")
DEFAULT_NAME = "sg"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# bash and zsh: `printf x` keeps trailing line breaks from `$(...)`; `rc`, as
# zsh reserves `status`; `command` so a function named `spyglass` still works.
_POSIX = """\
{name}() {{
    local tmp dir rc
    tmp="$(mktemp "${{TMPDIR:-/tmp}}/spyglass-cwd.XXXXXX")" || return
    command spyglass --cwd-file "$tmp" "$@"
    rc=$?
    dir="$(cat -- "$tmp"; printf x)"
    dir="${{dir%x}}"
    rm -f -- "$tmp"
    if [ -n "$dir" ] && [ -d "$dir" ] && [ "$dir" != "$PWD" ]; then
        cd -- "$dir" || return
    fi
    return $rc
}}
"""

_FISH = """\
function {name} --description 'spyglass, then cd to the folder it was left in'
    set -l base /tmp
    set -q TMPDIR; and set base $TMPDIR
    set -l tmp (mktemp $base/spyglass-cwd.XXXXXX); or return
    command spyglass --cwd-file $tmp $argv
    set -l rc $status
    set -l dir (string collect --no-trim-newlines < $tmp)
    rm -f -- $tmp
    if test -n "$dir"; and test -d "$dir"; and test "$dir" != "$PWD"
        cd $dir; or return
    end
    return $rc
end
"""


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise SpyglassError(
            f"bad function name {name!r}: use letters, digits and _, not starting with a digit"
        )
    return name


def shell_function(shell: str, name: str = DEFAULT_NAME) -> str:
    """The shell code to `eval` (bash, zsh) or `source` (fish)."""
    check_name(name)
    if shell in ("bash", "zsh"):
        return _POSIX.format(name=name)
    if shell == "fish":
        return _FISH.format(name=name)
    raise SpyglassError(f"unknown shell {shell!r}: use one of {', '.join(SHELLS)}")
