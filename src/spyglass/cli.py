"""`spyglass [PATH_OR_URL]` opens the explorer; `spyglass cat PATH_OR_URL` prints a preview.

User mistakes are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from spyglass import __version__
from spyglass.config import Config, load_config, parse_size, parse_timeout
from spyglass.errors import SpyglassError, cause_of
from spyglass.location import Location, parse_options, resolve
from spyglass.secrets import mask_log_text, mask_text, register_environment_secrets

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise SpyglassError(message)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-k",
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="storage option for the filesystem (repeatable; values are JSON where they parse)",
    )
    parser.add_argument("--max-preview-bytes", metavar="SIZE", help="preview budget, e.g. 4MiB")
    parser.add_argument("--config", metavar="FILE", help="configuration file to read")
    parser.add_argument("--profile", metavar="NAME", help="storage profile from the configuration")
    parser.add_argument(
        "--timeout", metavar="SECONDS", help="give up on a remote call after this long (default 20)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="show tracebacks and write a debug log"
    )
    parser.add_argument(
        "--read-only", action="store_true", default=None, help="refuse every write (and edit)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="spyglass",
        description="Explore local folders, servers over SSH and S3 / GCS / Azure buckets.",
        epilog="`spyglass cat PATH_OR_URL` prints the preview of a file to stdout; "
        "`spyglass edit PATH_OR_URL` edits it; "
        "`spyglass find LOCATION PATTERN` and `spyglass grep LOCATION PATTERN` search; "
        "`spyglass du PATH_OR_URL` prints folder sizes; "
        "`spyglass shell-init bash|zsh|fish` prints a function that cds where you quit.",
    )
    parser.add_argument("location", nargs="?", default=".", metavar="PATH_OR_URL")
    parser.add_argument("--version", action="version", version=f"spyglass {__version__}")
    parser.add_argument("--hidden", action="store_true", default=None, help="show dot-files")
    parser.add_argument("--theme", help="colour theme (e.g. textual-dark, textual-light, nord)")
    parser.add_argument(
        "--image-protocol",
        choices=["auto", "kitty", "sixel", "halfblock"],
        help="how images are drawn (default: detected from the terminal)",
    )
    parser.add_argument(
        "--cwd-file",
        metavar="FILE",
        help="at quit, write the local folder under the cursor to FILE (`-`: stdout)",
    )
    parser.add_argument(
        "--chooser-file",
        metavar="FILE",
        help="pick files: Enter writes the chosen paths (or the marked ones) to FILE"
        " (`-`: stdout) and quits",
    )
    _add_common(parser)
    return parser


def _shell_init(arguments: list[str]) -> int:
    from spyglass.shell_init import SHELLS, shell_function

    parser = _Parser(
        prog="spyglass shell-init",
        description="Print a shell function that runs spyglass and changes to the folder"
        ' it was left in: eval "$(spyglass shell-init bash)" in ~/.bashrc.',
    )
    parser.add_argument("shell", choices=SHELLS)
    parser.add_argument("--name", help="the function's name (default: sg, or shell_function)")
    parser.add_argument("--config", metavar="FILE", help="configuration file to read")
    args = parser.parse_args(arguments)
    name = args.name or load_config(args.config).shell_function
    sys.stdout.write(shell_function(args.shell, name))
    return 0


def _write_outputs(args: argparse.Namespace, landing: str | None, chosen: list[str] | None) -> int:
    """After the terminal is restored: the folder for the shell, the choice for an editor."""
    from spyglass.picking import chooser_data, write_output

    outputs = []
    if args.cwd_file and landing is not None:
        outputs.append((args.cwd_file, landing))
    if args.chooser_file and chosen is not None:
        outputs.append((args.chooser_file, chooser_data(chosen)))
    for target, data in outputs:
        try:
            write_output(target, data)
        except OSError as exc:
            print(f"spyglass: cannot write {target}: {cause_of(exc)}", file=sys.stderr)
            return 1
    return 0


_FILE_COMMANDS = {
    "cat": "Print the preview of a file to stdout.",
    "edit": "Edit a file in $VISUAL / $EDITOR; a remote one is written back only if unchanged.",
}


def build_cat_parser(command: str = "cat") -> argparse.ArgumentParser:
    parser = _Parser(prog=f"spyglass {command}", description=_FILE_COMMANDS[command])
    parser.add_argument("location", metavar="PATH_OR_URL")
    if command == "cat":
        parser.add_argument(
            "-f",
            "--follow",
            action="store_true",
            help="print the last lines, then every line written to the file, until Ctrl-C",
        )
        parser.add_argument(
            "--stats",
            action="store_true",
            help="for a table, print the statistics of its columns instead of its rows",
        )
    _add_common(parser)
    return parser


def _settings(args: argparse.Namespace) -> tuple[Config, Location]:
    config = load_config(args.config)
    if getattr(args, "hidden", None):
        config.hidden = True
    if getattr(args, "theme", None):
        config.theme = args.theme
    if getattr(args, "image_protocol", None):
        config.image_protocol = args.image_protocol
    if args.max_preview_bytes:
        config.max_preview_bytes = parse_size(args.max_preview_bytes)
    if args.timeout:
        config.timeout = parse_timeout(args.timeout)
    if args.read_only:
        config.read_only = True
    options = {**config.options, **parse_options(args.option)}
    location = resolve(
        args.location,
        options,
        profiles=config.profiles,
        profile=args.profile,
        timeout=config.timeout,
    )
    return config, location


class MaskingFormatter(logging.Formatter):
    """Formats a log record, then masks whatever in it is a secret (tracebacks too)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_log_text(super().format(record))


def _setup_logging(debug: bool) -> None:
    if not debug:
        logging.getLogger("spyglass").addHandler(logging.NullHandler())
        return
    from platformdirs import user_log_dir

    folder = user_log_dir("spyglass", appauthor=False)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "spyglass.log")
    handler = logging.FileHandler(path)
    # Every record, third-party ones too (botocore, s3fs, paramiko, azure): secrets masked.
    handler.setFormatter(MaskingFormatter("%(asctime)s %(name)s %(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.DEBUG)
    print(f"spyglass: debug log in {path}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    register_environment_secrets(os.environ)
    try:
        if arguments[:1] in (["cat"], ["edit"]):
            command = arguments[0]
            args = build_cat_parser(command).parse_args(arguments[1:])
            _setup_logging(args.debug)
            config, location = _settings(args)
            if command == "edit":
                from spyglass.edit.command import run

                return run(location, config)
            from spyglass.cat import print_preview

            return print_preview(location, config, follow=args.follow, stats=args.stats)
        if arguments[:1] == ["shell-init"]:
            return _shell_init(arguments[1:])
        if arguments[:1] in (["find"], ["grep"]):
            from spyglass import search_cli

            command = arguments[0]
            parser = _Parser(
                prog=f"spyglass {command}", description=search_cli.description(command)
            )
            search_cli.add_arguments(command, parser)
            _add_common(parser)
            args = parser.parse_args(arguments[1:])
            _setup_logging(args.debug)
            config, location = _settings(args)
            return search_cli.run(command, args, config, location)
        if arguments[:1] == ["du"]:
            from spyglass.sizes import du_command

            parser = _Parser(prog="spyglass du", description=du_command.DESCRIPTION)
            du_command.add_arguments(parser)
            _add_common(parser)
            args = parser.parse_args(arguments[1:])
            _setup_logging(args.debug)
            config, location = _settings(args)
            return du_command.run(args, config, location)
        args = build_parser().parse_args(arguments)
        _setup_logging(args.debug)
        config, location = _settings(args)
    except SpyglassError as exc:
        if debug:
            raise
        print(f"spyglass: {mask_text(str(exc))}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an unexpected failure is still one line without --debug
        if debug:
            raise
        print(f"spyglass: {mask_text(cause_of(exc))}", file=sys.stderr)
        return 1

    from spyglass.ui import collector

    collector.pause()  # until the first frame: see `collector`
    prefetch = None
    if location.is_local:
        from spyglass.fs.local_backend import LocalBackend
        from spyglass.tree.prefetch import Prefetch

        # Lists the first folder while Textual is imported: the first frame shows it.
        prefetch = Prefetch(LocalBackend(), location.path)
    from spyglass.ui.app import SpyglassApp
    from spyglass.ui.quitting import exit_now_if_stuck

    # Listing workers are pure Python and share the interpreter lock with the UI thread.
    # Fewer forced handovers let each side finish its slice: with 20 ms instead of the
    # default 5 ms a 100,000-entry folder loads faster and keys wait less meanwhile
    # (measured with `python -m bench --only 2`).
    sys.setswitchinterval(0.02)
    app = SpyglassApp(location, config, prefetch, choosing=bool(args.chooser_file))
    app.run()
    status = _write_outputs(args, app.picks.landing, app.picks.chosen)
    exit_now_if_stuck(status)
    return status
