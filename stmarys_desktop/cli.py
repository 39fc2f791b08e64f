"""The command line (DESIGN.md section 6). It shares the services with the window.

Exit 0 on success; on any failure one line on standard error and a non-zero
exit (1 for a refusal or a problem found, 2 for a command typed wrongly).
Passwords come from STMARYS_PASSWORD or the first line of standard input,
never from an argument.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from stmarys_desktop import __version__, paths
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.words import plural

PASSWORD_ENV = "STMARYS_PASSWORD"  # noqa: S105 - the name of a variable


class CommandLineError(StMarysError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("unrecognized arguments"):
            # Never echo them: someone may have typed a password as an argument.
            message = (
                "unrecognized arguments (a password is never an argument: set "
                f"{PASSWORD_ENV} or give it on standard input)"
            )
        raise CommandLineError(f"{message} (see `stmarys-desktop --help`)")


def read_password(prompt: str = "Password: ") -> str:
    """STMARYS_PASSWORD, else the first line of standard input (a prompt on a terminal)."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        password = from_env
    elif sys.stdin is not None and sys.stdin.isatty():
        import getpass  # for commands only: the window never prompts on a terminal

        password = getpass.getpass(prompt)
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        password = line.rstrip("\r\n") if line.endswith("\n") else line
    if not password:
        raise CommandLineError(
            f"No password given: set {PASSWORD_ENV} or give it on the first line of standard input."
        )
    return password


def _data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(args.data_dir)


def cmd_init(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.auth import create_centre

    folder = _data_dir(args)
    password = read_password("Password for the first manager: ")
    made = create_centre(
        folder,
        centre_name=args.centre,
        admin_user_name=args.admin,
        admin_display_name=args.name or args.admin,
        password=password,
    )
    centre_name = made.session.centre_name
    made.session.close()
    print(f"Created the centre {centre_name!r} in {folder}.")
    print(f"Manager account: {args.admin}")
    print()
    print("RECOVERY KEY (shown only this once; print it or write it down and keep it in")
    print("the centre's safe. If every password and this key are lost, the data is lost):")
    print()
    print(f"    {made.recovery_key}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.demo import make_demo_centre

    if args.families < 0 or args.families > 1_000_000:
        raise CommandLineError("--families must be between 0 and 1,000,000")
    folder = _data_dir(args)
    password = os.environ.get(PASSWORD_ENV) or None
    started = time.perf_counter()

    def progress(done: int, total: int, what: str) -> None:
        print(
            f"  {what}: {done:,} of {total:,} ({time.perf_counter() - started:.0f} s)", flush=True
        )

    print(
        f"Creating a demo centre with {args.families:,} made-up families in {folder} ...",
        flush=True,
    )
    demo = make_demo_centre(
        folder, families=args.families, seed=args.seed, password=password, progress=progress
    )
    print(
        f"Done in {time.perf_counter() - started:.1f} s: {demo.counts['family']:,} families, "
        f"{demo.counts['contact_session']:,} sessions, {demo.counts['staff']:,} staff."
    )
    print("Demo accounts (every name and detail in this centre is made up):")
    for user, user_password in demo.logins:
        shown = user_password if password is None else f"(from {PASSWORD_ENV})"
        print(f"    {user:<13} {shown}")
    print("Which account does what:")
    for line in demo.guide:
        print(f"    {line}")
    return 0


def _signed_in(args: argparse.Namespace):
    from stmarys_desktop.services.auth import sign_in

    return sign_in(_data_dir(args), args.user, read_password())


def cmd_verify(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.maintenance import verify

    session = _signed_in(args)
    try:
        report = verify(session, [Path(f) for f in args.backup or []])
    finally:
        session.close()
    if report.ok:
        print(report.summary() + f" ({report.seconds:.2f} s)")
        return 0
    print(report.summary(), file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.maintenance import backup

    session = _signed_in(args)
    try:
        result = backup(session, Path(args.to))
    finally:
        session.close()
    print(f"Backup written and checked: {result.path} ({result.size:,} bytes).")
    if result.removed_old:
        print(
            f"{len(result.removed_old)} older backups were removed from the folder "
            "(the newest are kept; older ones may hold records since disposed of)."
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.maintenance import restore

    result = restore(_data_dir(args), Path(args.from_file), args.user, read_password())
    print(
        f"Restored the backup made {result.backup_created_at}; it passed every check "
        "before it replaced the database."
    )
    if result.kept_at is not None:
        print(result.kept_sentence())
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.maintenance import rotate_key

    session = _signed_in(args)
    try:
        rotate_key(session)
    finally:
        session.close()
    print(
        "The database key has been rotated and re-wrapped for every account and the recovery key."
    )
    return 0


def cmd_print_acknowledgement_sheet(args: argparse.Namespace) -> int:
    """The blank sheet: the centre's current policy with --user, else the shipped text."""
    target = Path(args.to).expanduser()
    if target.suffix.lower() != ".pdf":
        raise CommandLineError("--to must name a PDF file (ending in .pdf)")
    if target.is_dir() or not target.parent.is_dir():
        raise CommandLineError(f"{target} cannot be written: name a file in a folder that exists")
    # ReportLab lays the sheet out: no Qt and no display needed.
    from stmarys_desktop.printing.acknowledgement import shipped_sheet, write_sheet_pdf

    if args.user:
        from stmarys_desktop.services import policy_documents

        session = _signed_in(args)
        try:
            sheet = policy_documents.acknowledgement_sheet(session)
            paper = policy_documents.paper_size(session)
        finally:
            session.close()
        what = f"version {sheet.version_number} of {sheet.centre_name}'s policy"
    else:
        sheet, paper, what = shipped_sheet(), "A4", "the policy shipped with the application"
    target.unlink(missing_ok=True)
    write_sheet_pdf(target, sheet, paper)
    if not target.is_file() or target.stat().st_size == 0:
        raise CommandLineError(f"{target} could not be written (is the folder writable?)")
    print(f"Wrote the blank acknowledgement sheet ({what}, {paper}) to {target}.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from datetime import date

    from stmarys_desktop.domain.dates import long_date
    from stmarys_desktop.services import retention

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise CommandLineError("--as-of must be a date like 2026-11-28") from None
    session = _signed_in(args)
    try:
        found = retention.review(session, as_of)
    finally:
        session.close()
    print(
        f"Retention review as of {long_date(found.as_of)}: {len(found.due)} due for "
        f"disposal, {len(found.held)} held. Nothing is deleted from the command line."
    )
    for record in found.due:
        print(
            f"  due   {record.category:<6} {record.reference:<16} last used "
            f"{record.last_used_on}  ({record.summary})"
        )
    for record in found.held:
        print(
            f"  held  {record.category:<6} {record.reference:<16} last used "
            f"{record.last_used_on}  {record.held}"
        )
    if found.old_backups:
        print(f"{len(found.old_backups)} backups are older than three years; " + found.reminder)
    return 0


def cmd_import_template(args: argparse.Namespace) -> int:
    from stmarys_desktop.services.import_columns import write_template

    target = Path(args.to)
    write_template(target)
    print(
        f"Wrote the import template to {target}: one sheet each for families, staff and "
        "future bookings, a note under each heading."
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from stmarys_desktop.services import imports

    source = Path(args.from_file)
    session = _signed_in(args)
    try:
        preview = imports.preview_file(session, source)
        print(f"{source.name}: {preview.counts_text()}.")
        for line in preview.notices:
            print(f"  note: {line}")
        problems = preview.every_problem + [
            f"{w} (needs a decision: import this file from Admin > Import)"
            for w in preview.every_warning
        ]
        for line in problems:
            print(f"  problem: {line}")
        if problems:
            print(f"{plural(len(problems), 'problem')}; nothing was imported.", file=sys.stderr)
            return 1
        if args.dry_run:
            print("Every row is clean; nothing was imported (--dry-run).")
            return 0
        done = imports.import_records(session, preview, preview.records)
    finally:
        session.close()
    print(
        f"Imported {done.families} families, {done.staff} staff and {done.bookings} "
        "future bookings."
    )
    print(imports.PLAIN_TEXT_WARNING)
    return 0


DATA_DIR_HELP = "the centre's data folder (default: the user data folder)"


def _window_parser(add_help: bool = True) -> argparse.ArgumentParser:
    """The options of the program itself; with no command they open the window."""
    parser = _Parser(
        prog="stmarys-desktop",
        description="St Mary's Contact Centre: the front-desk application. "
        "With no command, opens the window.",
        add_help=add_help,
    )
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=DATA_DIR_HELP)
    parser.add_argument("--version", action="version", version=f"stmarys-desktop {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the window on a throw-away demo centre"
    )
    parser.add_argument(
        "--demo-when-empty",
        action="store_true",
        help="open the centre in the data folder, or a demo centre if there is none yet",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    data_dir_help = DATA_DIR_HELP
    # --data-dir goes before or after the command. A subcommand's parser copies every
    # option it knows into the result, defaults included, so its copy has no default:
    # otherwise a None would overwrite the folder given before the command.
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help)
    parser = _window_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", parents=[common], help="create a new encrypted centre")
    init.add_argument("--centre", required=True, metavar="NAME", help="the centre's name")
    init.add_argument(
        "--admin", required=True, metavar="USER", help="user name of the first manager"
    )
    init.add_argument("--name", metavar="FULL_NAME", help="the first manager's full name")
    init.set_defaults(run=cmd_init)

    demo = commands.add_parser(
        "demo", parents=[common], help="create a demo centre filled with made-up families"
    )
    demo.add_argument("--families", type=int, default=200, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.set_defaults(run=cmd_demo)

    for name, help_text, run in (
        ("verify", "check integrity, encryption and the audit chain", cmd_verify),
        ("rekey", "rotate the database key and re-wrap it for every slot", cmd_rekey),
    ):
        sub = commands.add_parser(name, parents=[common], help=help_text)
        sub.add_argument("--user", required=True, metavar="USER")
        sub.set_defaults(run=run)
        if name == "verify":
            sub.add_argument(
                "--backup",
                action="append",
                metavar="FILE",
                help="also compare the audit log with this backup's head",
            )

    backup = commands.add_parser("backup", parents=[common], help="write an encrypted backup")
    backup.add_argument("--user", required=True, metavar="USER")
    backup.add_argument("--to", required=True, metavar="FILE")
    backup.set_defaults(run=cmd_backup)

    retention_cmd = commands.add_parser(
        "retention", parents=[common], help="list what is due for disposal (deletes nothing)"
    )
    retention_cmd.add_argument("--user", required=True, metavar="USER")
    retention_cmd.add_argument("--as-of", metavar="DATE", help="review date (default today)")
    retention_cmd.set_defaults(run=cmd_retention)

    restore = commands.add_parser(
        "restore", parents=[common], help="replace the database with a checked backup"
    )
    restore.add_argument("--user", required=True, metavar="USER")
    restore.add_argument("--from", dest="from_file", required=True, metavar="FILE")
    restore.set_defaults(run=cmd_restore)

    template = commands.add_parser(
        "import-template", parents=[common], help="write the spreadsheet template for an import"
    )
    template.add_argument("--to", required=True, metavar="FILE.xlsx")
    template.set_defaults(run=cmd_import_template)

    importing = commands.add_parser(
        "import",
        parents=[common],
        help="bring families, staff and future bookings in from a spreadsheet (.xlsx or .csv)",
    )
    importing.add_argument("--user", required=True, metavar="USER")
    importing.add_argument("--from", dest="from_file", required=True, metavar="FILE")
    importing.add_argument(
        "--dry-run", action="store_true", help="check every row and import nothing"
    )
    importing.set_defaults(run=cmd_import)

    printing = commands.add_parser("print", parents=[common], help="print a document to a PDF")
    documents = printing.add_subparsers(
        dest="document", metavar="DOCUMENT", required=True, parser_class=_Parser
    )
    sheet = documents.add_parser(
        "acknowledgement-sheet",
        parents=[common],
        help="the blank acknowledgement sheet: the policy, then Name, Signature and Date rows",
    )
    sheet.add_argument("--to", required=True, metavar="FILE.pdf")
    sheet.add_argument(
        "--user",
        metavar="USER",
        help="sign in to print the centre's current version (else the policy "
        "shipped with the application)",
    )
    sheet.set_defaults(run=cmd_print_acknowledgement_sheet)
    return parser


def _window(args: argparse.Namespace) -> int:
    from stmarys_desktop.ui.app import run_window

    return run_window(data_dir=args.data_dir, demo=args.demo, demo_when_empty=args.demo_when_empty)


def _window_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments when they only open the window, else None. Building every command's
    parser takes 6 ms (argparse looks up translations for each of them), a tenth of what
    the program adds to the start of the sign-in window (D330); anything else (a command,
    --help, a mistake) goes to the whole parser, which answers exactly as before."""
    try:
        args, rest = _window_parser(add_help=False).parse_known_args(argv)
    except CommandLineError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _window_only(argv) or build_parser().parse_args(argv)
        run: Callable[[argparse.Namespace], int] = getattr(args, "run", _window)
        return run(args)
    except StMarysError as exc:
        print(f"stmarys-desktop: {exc.message}", file=sys.stderr)
        return 2 if isinstance(exc, CommandLineError) else 1
    except KeyboardInterrupt:
        print("stmarys-desktop: stopped; nothing further was changed.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: never a traceback in front of a person
        print(
            f"stmarys-desktop: unexpected error ({type(exc).__name__}); nothing further was "
            "changed. Run `stmarys-desktop verify` to check the centre.",
            file=sys.stderr,
        )
        return 1
