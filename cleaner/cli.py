"""The ``newsclean`` command: a thin layer over the Python API.

``newsclean [PATHS]`` cleans; ``newsclean rules ...`` inspects and tests rule
packs. stdout carries data (cleaned text, diffs, JSON); stderr carries talk
(reports, progress, the summary line, errors). Heavy modules (``rich``,
``difflib``, ``json``, ``multiprocessing``) are imported only in the branches
that use them, so the plain filter starts fast.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click
from click.core import ParameterSource

from . import RulePackError, __version__, get_cleaner
from .batch import DEFAULT_INCLUDE, DiscoveryError, Mode, Outcome, Settings, Task
from .config import ON_ERROR, Config, ConfigError
from .report import STDIN, Document, Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

EXIT_CODES = """\b
Exit status:
  0  success: nothing to clean, or everything cleaned / written
  1  --check: at least one file would change
  2  error: bad usage, bad config or rule pack, or a file that could not
     be read, decoded or written (the other files are still processed)"""

RULES_EXIT_CODES = """\b
Exit status:
  0  success
  1  rules test: at least one example failed
  2  error: bad usage, bad config or rule pack (the message names the file, rule and key)"""

COPY_BLOCK = 1 << 20  # bytes per write when a large input's output is copied to stdout
PROGRESS_DELAY = 0.5  # seconds before a progress bar appears
FORMATS = ("text", "json", "concise")


class UsageFailure(click.ClickException):
    """A user-facing error: one line on stderr and exit status 2."""

    exit_code = 2


def _split_ids(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _color(stream: IO[Any], color: bool | None) -> bool:
    """Whether to colour ``stream``: the flag if given, else a terminal without ``NO_COLOR``."""
    if color is not None:
        return color
    return stream.isatty() and not os.environ.get("NO_COLOR")


# -- configuration ----------------------------------------------------------------------


@dataclass(slots=True)
class Options:
    """The settings of one run after the config file and the command line are merged."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_rules: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    jobs: int = 0
    field: str = "text"
    report_field: str | None = None
    on_error: str = "keep"
    encoding: str | None = None
    config: Config = dataclass_field(default_factory=Config)


def _load_config(explicit: str | None, paths: Sequence[str]) -> Config:
    from . import config

    try:
        if explicit is not None:
            from pathlib import Path

            return config.load(Path(explicit))
        return config.discover(tuple(paths))
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None


def _merge(ctx: click.Context, config: Config, params: dict[str, Any]) -> Options:
    """Command-line flags win over the config file; ``--extend-rules`` adds to it."""

    def pick(name: str, value: Any, default: Any) -> Any:
        if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT:
            return value
        configured = getattr(config, name)
        return configured if configured is not None else default

    return Options(
        select=_split_ids(pick("select", params["select"], ())),
        ignore=_split_ids(pick("ignore", params["ignore"], ())),
        extend_rules=_unique_files((*config.extend_rules, *params["extend_rules"])),
        include=tuple(pick("include", params["include"], DEFAULT_INCLUDE)) or DEFAULT_INCLUDE,
        exclude=tuple(pick("exclude", params["exclude"], ())),
        jobs=pick("jobs", params["jobs"], 0),
        field=pick("field", params["field"], "text"),
        report_field=pick("report_field", params["report_field"], None),
        on_error=pick("on_error", params["on_error"], "keep"),
        encoding=_encoding(pick("encoding", params["encoding"], None)),
        config=config,
    )


def _unique_files(paths: Iterable[str]) -> tuple[str, ...]:
    """Each file once, however it is spelled (the config's paths are absolute)."""
    seen: dict[str, str] = {}
    for path in paths:
        seen.setdefault(os.path.realpath(path), path)
    return tuple(seen.values())


def _encoding(name: str | None) -> str | None:
    from .encoding import EncodingError, normalize

    try:
        return normalize(name)
    except EncodingError as exc:
        raise UsageFailure(str(exc)) from None


# -- talk on stderr -----------------------------------------------------------------------


class Talk:
    """Messages on stderr, printed above a progress bar while one is shown."""

    def __init__(self, quiet: bool, total: int, progress: bool) -> None:
        self.quiet = quiet
        self.total = total
        self.enabled = progress and not quiet and sys.stderr.isatty()
        self.started = time.monotonic()
        self.done = 0
        self.bar: Progress | None = None

    def say(self, message: str) -> None:
        """Progress talk, silenced by ``-q``."""
        if not self.quiet:
            self.error(message)

    def error(self, message: str) -> None:
        """A problem: always shown."""
        if self.bar is not None:
            from rich.text import Text

            self.bar.console.print(Text(message), highlight=False)
        else:
            click.echo(message, err=True)

    def advance(self) -> None:
        self.done += 1
        if self.bar is None and self.enabled and time.monotonic() - self.started > PROGRESS_DELAY:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("cleaning"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self.task = self.bar.add_task("clean", total=self.total)
            self.bar.start()
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


# -- the cleaning run ---------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    """One invocation: the chosen mode and outputs, and what it has seen so far."""

    mode: Mode
    output_format: str
    diff: bool
    explain: bool
    statistics: bool
    report_file: str | None
    color: bool | None
    filter_mode: bool
    report: Report
    documents: list[Document] = dataclass_field(default_factory=list)
    console: Console | None = None

    @property
    def keep_documents(self) -> bool:
        return self.output_format == "json" or self.report_file is not None

    @property
    def writes_stdout(self) -> bool:
        """Whether documents go to stdout as they are cleaned (no progress bar on that terminal)."""
        return self.mode is Mode.PRINT or self.diff or self.output_format == "concise"

    @property
    def include_text(self) -> bool:
        return self.mode is Mode.PRINT

    def settings(self, options: Options) -> Settings:
        return Settings(
            mode=self.mode,
            select=options.select,
            ignore=options.ignore,
            extra_packs=options.extend_rules,
            keep_source=self.diff or self.explain,
            keep_output=self.mode is Mode.PRINT and self.output_format == "text" and not self.diff,
            keep_result=self.keep_documents
            or self.diff
            or self.explain
            or self.statistics
            or self.output_format == "concise",
            keep_text=self.diff or (self.keep_documents and self.include_text),
            encoding=options.encoding,
        )

    def json_report(self) -> str:
        from .report import json as json_report

        mode = "filter" if self.filter_mode else self.mode.value
        return json_report.render(self.documents, self.report, mode=mode, include_text=self.include_text)

    def handle(self, outcome: Outcome, talk: Talk) -> None:
        """Report one file's outcome and send its data to stdout."""
        if outcome.error is not None:
            self.report.skip(outcome.path, outcome.error)
            talk.error(f"error: {outcome.path}: {outcome.error}")
            return
        for warning in outcome.warnings:
            talk.error(f"warning: {outcome.path}: {warning}")
        if self.mode is Mode.CHECK and outcome.changed:
            talk.say(f"would clean {outcome.path} ({_removals(outcome.removals)})")
        elif self.mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR) and outcome.written and outcome.changed:
            where = f" -> {outcome.target}" if outcome.target else ""
            talk.say(f"cleaned {outcome.path}{where} ({_removals(outcome.removals)})")
        if outcome.output is not None:
            sys.stdout.buffer.write(outcome.output)
        if outcome.output_file is not None:
            _copy_out(outcome.output_file)
        result = outcome.result
        if result is None:
            self.report.count(outcome.changed)
            return
        self.report.add(result)
        doc = Document(outcome.path, result, outcome.source)
        if self.diff and result.changed:
            from .report import diff

            _write_stdout(diff.render([doc]), _color(sys.stdout, self.color), colorize=True)
        if self.output_format == "concise":
            from .report import concise

            _write_stdout(concise.render([doc]), False)
        if self.explain:
            from .report import terminal

            if self.console is None:
                self.console = terminal.make_console(sys.stderr, self.color)
            terminal.emit(self.console, terminal.render(doc))
        if self.keep_documents:
            self.documents.append(doc)

    def finish(self, talk: Talk, quiet: bool) -> None:
        """The end-of-run outputs: JSON report, report file, statistics, summary line."""
        if self.output_format == "json":
            _write_stdout(self.json_report(), False)
        sys.stdout.flush()
        if self.report_file is not None:
            try:
                with open(self.report_file, "w", encoding="utf-8") as stream:
                    stream.write(self.json_report())
            except OSError as exc:
                talk.error(f"error: {self.report_file}: cannot write the report: {exc.strerror or exc}")
                self.report.failed = True
        verb = "would be cleaned" if self.mode is Mode.CHECK else "cleaned"
        if self.statistics:
            from .report import terminal

            console = self.console or terminal.make_console(sys.stderr, self.color)
            terminal.emit(console, terminal.run_summary(self.report, verb))
        elif not quiet and not self.filter_mode:
            talk.say(self.report.summary_line(verb))


def _copy_out(path: str) -> None:
    """Stream a large input's cleaned text from its temporary file to stdout, then remove it."""
    try:
        with open(path, "rb") as stream:
            shutil.copyfileobj(stream, sys.stdout.buffer, COPY_BLOCK)
    finally:
        os.unlink(path)


def _removals(count: int) -> str:
    return f"{count} removal{'' if count == 1 else 's'}"


def _write_stdout(text: str, color: bool, colorize: bool = False) -> None:
    if color and colorize:
        from .report.diff import colorize as paint

        text = paint(text)
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))


def _mode(check: bool, in_place: bool, output_dir: str | None) -> Mode:
    chosen = [
        name
        for name, on in (("--check", check), ("--in-place", in_place), ("--output-dir", output_dir))
        if on
    ]
    if len(chosen) > 1:
        raise UsageFailure(f"{chosen[0]} and {chosen[1]} cannot be used together")
    if check:
        return Mode.CHECK
    if in_place:
        return Mode.IN_PLACE
    if output_dir is not None:
        return Mode.OUTPUT_DIR
    return Mode.PRINT


def _validate(
    mode: Mode, paths: tuple[str, ...], output_format: str, diff: bool, report_file: str | None
) -> None:
    stdin = STDIN in paths
    if stdin and len(paths) > 1:
        raise UsageFailure("'-' (standard input) cannot be combined with other paths")
    if stdin and mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR):
        raise UsageFailure(f"--{mode.value} needs files or directories, not standard input")
    if diff and mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR):
        raise UsageFailure(
            f"--diff cannot be combined with --{mode.value} (it shows changes without writing)"
        )
    if diff and output_format != "text":
        raise UsageFailure(f"--diff and --format {output_format} both write to stdout; choose one")
    if report_file == STDIN:
        raise UsageFailure("--report-file needs a file name; use --format json for stdout")


def _clean(ctx: click.Context, params: dict[str, Any]) -> int:
    paths: tuple[str, ...] = params["paths"] or (STDIN,)
    mode = _mode(params["check"], params["in_place"], params["output_dir"])
    output_format: str = params["output_format"]
    _validate(mode, paths, output_format, params["diff"], params["report_file"])
    options = _merge(ctx, _load_config(params["config"], paths), params)
    if params["jsonl"]:
        return _jsonl(params, paths, options, mode)
    try:
        get_cleaner(options.select, options.ignore, options.extend_rules)
        tasks = _tasks(paths, options, params["output_dir"])
    except (RulePackError, DiscoveryError) as exc:
        raise UsageFailure(str(exc)) from None
    single = len(tasks) == 1 and (paths == (STDIN,) or not os.path.isdir(paths[0]))
    run = Run(
        mode=mode,
        output_format=output_format,
        diff=params["diff"],
        explain=params["explain"],
        statistics=params["statistics"],
        report_file=params["report_file"],
        color=params["color"],
        filter_mode=mode is Mode.PRINT and single and len(paths) == 1,
        report=Report(check=mode is Mode.CHECK),
    )
    quiet: bool = params["quiet"]
    if not tasks:
        if not quiet:
            click.echo(f"no files to clean (include: {', '.join(options.include)})", err=True)
        return 0
    talk = Talk(
        quiet, len(tasks), progress=not run.explain and not (run.writes_stdout and sys.stdout.isatty())
    )
    try:
        for outcome in _outcomes(tasks, paths, run.settings(options), options.jobs):
            run.handle(outcome, talk)
            talk.advance()
    finally:
        talk.close()
    run.finish(talk, quiet)
    return run.report.exit_code


def _tasks(paths: tuple[str, ...], options: Options, output_dir: str | None) -> list[Task]:
    if paths == (STDIN,):
        return [Task(STDIN)]
    from .batch import discover

    if output_dir is not None and os.path.exists(output_dir) and not os.path.isdir(output_dir):
        raise DiscoveryError(f"{output_dir}: --output-dir is not a directory")
    return discover(paths, options.include, options.exclude, output_dir)


def _outcomes(tasks: list[Task], paths: tuple[str, ...], settings: Settings, jobs: int) -> Iterator[Outcome]:
    from . import stream
    from .batch import default_jobs, in_parts, process_bytes, process_large, run

    if paths == (STDIN,):
        try:
            data = sys.stdin.buffer.read(stream.DOCUMENT_LIMIT + 1)
            if len(data) > stream.DOCUMENT_LIMIT and in_parts(settings):
                yield process_large(settings, tasks[0], sys.stdin.buffer, data, stdout=sys.stdout.buffer)
                return
            data += sys.stdin.buffer.read()
        except OSError as exc:
            raise UsageFailure(f"cannot read standard input: {exc.strerror or exc}") from None
        yield process_bytes(settings, tasks[0], data)
        return
    yield from run(tasks, settings, jobs or default_jobs())


def _jsonl(params: dict[str, Any], paths: tuple[str, ...], options: Options, mode: Mode) -> int:
    clashes = [
        flag
        for flag, on in (
            (f"--{mode.value}", mode is not Mode.PRINT),
            ("--diff", params["diff"]),
            ("--explain", params["explain"]),
            (f"--format {params['output_format']}", params["output_format"] != "text"),
            ("--report-file", params["report_file"] is not None),
        )
        if on
    ]
    if clashes:
        raise UsageFailure(f"--jsonl cannot be combined with {clashes[0]} (use --report-field)")
    try:
        cleaner = get_cleaner(options.select, options.ignore, options.extend_rules)
        from . import jsonl
    except RulePackError as exc:
        raise UsageFailure(str(exc)) from None
    from .batch import default_jobs

    records = changed = errors = 0
    for path in paths:
        try:
            outcome = jsonl.process_jsonl(
                path,
                sys.stdout.buffer,
                cleaner=cleaner,
                field=options.field,
                report_field=options.report_field,
                on_error=options.on_error,
                jobs=options.jobs or default_jobs(),
            )
        except OSError as exc:
            raise UsageFailure(f"{path}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise UsageFailure(f"{path}: {exc}") from None
        records, changed, errors = (
            records + outcome.records,
            changed + outcome.changed,
            errors + outcome.errors,
        )
    sys.stdout.flush()
    if not params["quiet"]:
        click.echo(f"{records} records, {changed} cleaned, {errors} with errors", err=True)
    return 2 if errors and options.on_error == "fail" else 0


# -- the command --------------------------------------------------------------------------


class _Newsclean(click.Command):
    """``newsclean [PATHS]`` cleans; a first argument ``rules`` runs the rules commands.

    A file literally named ``rules`` is cleaned with ``newsclean ./rules``.
    """

    # One signature for click's two overloads (standalone_mode travels in ``extra``).
    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if argv and argv[0] == "rules":
            return rules.main(argv[1:], prog_name=f"{prog_name or 'newsclean'} rules", **extra)
        return super().main(argv, prog_name, **extra)


def _rule_options(function: Any) -> Any:
    function = click.option(
        "--extend-rules",
        "extend_rules",
        multiple=True,
        metavar="FILE",
        help="Also load this rule pack (repeatable; adds to the config's extend-rules).",
    )(function)
    return click.option("--config", metavar="FILE", help="Read settings from FILE instead of searching.")(
        function
    )


@click.command(
    "newsclean",
    cls=_Newsclean,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nRule tools:\n  newsclean rules list | show ID | test [FILE...]   (see newsclean rules --help)\n\n"
    + EXIT_CODES,
)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--check", is_flag=True, help="Write nothing; list files that would change and exit 1 if any.")
@click.option(
    "-i", "--in-place", "in_place", is_flag=True, help="Rewrite the files that change (atomically)."
)
@click.option(
    "-o",
    "--output-dir",
    "output_dir",
    metavar="DIR",
    help="Write cleaned copies into DIR, mirroring the tree.",
)
@click.option("--diff", is_flag=True, help="Print a unified diff instead of the cleaned text.")
@click.option("--explain", is_flag=True, help="Show every removal, its rule and the metadata on stderr.")
@click.option("--statistics", is_flag=True, help="Show removals per pack and rule on stderr at the end.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="stdout: cleaned text, a JSON report, or one 'path:line:col: pack/rule' line per removal.",
)
@click.option("--report-file", metavar="FILE", help="Also write the JSON report to FILE.")
@click.option("--color/--no-color", default=None, help="Colour diffs and reports (default: on a terminal).")
@click.option("--select", multiple=True, metavar="IDS", help="Only these packs or rules (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these packs or rules (comma-separated).")
@_rule_options
@click.option(
    "--include", multiple=True, metavar="GLOB", help="Files to clean in directories [default: *.txt]."
)
@click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Files and directories to leave alone (repeatable)."
)
@click.option(
    "--encoding",
    metavar="NAME",
    help="Input encoding [default: auto: UTF-8, else CP949/EUC-KR]; output keeps it.",
)
@click.option("--jsonl", is_flag=True, help="Inputs are JSON Lines: clean one field of each record.")
@click.option(
    "--field", default="text", show_default=True, metavar="NAME", help="--jsonl: the field to clean."
)
@click.option("--report-field", metavar="NAME", help="--jsonl: add each record's findings under NAME.")
@click.option(
    "--on-error",
    type=click.Choice(ON_ERROR),
    default="keep",
    show_default=True,
    help="--jsonl: what to do with a bad record (fail exits 2).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="Worker processes [default: all cores].",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr: no summary, no progress.")
@click.version_option(__version__, "-V", "--version", prog_name="newsclean")
@click.pass_context
def main(ctx: click.Context, /, **params: Any) -> NoReturn:
    """Clean scraped news pages: keep the article, drop tickers, bylines, copyright lines, chrome.

    PATHS are files or directories (searched for *.txt). With no PATHS, or -, read standard
    input. By default the cleaned text goes to stdout; --check, --in-place and --output-dir
    work on files. Settings come from [tool.newsclean] in pyproject.toml or a .newsclean.toml;
    flags win.
    """
    try:
        code = _clean(ctx, params)
    except BrokenPipeError:
        _silence_stdout()
        code = 2
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = 130
    except MemoryError:
        click.echo(
            "error: out of memory (a report reads its file whole; use --jsonl for corpora)",
            err=True,
        )
        code = 2
    ctx.exit(code)


def _silence_stdout() -> None:
    """After the reader went away: send what Python still flushes to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


# -- newsclean rules ----------------------------------------------------------------------


@dataclass(slots=True)
class RuleSet:
    """The packs a ``rules`` command works on."""

    packs: list[Any]
    user_files: tuple[str, ...]


def _load_rule_set(
    config_file: str | None, extend_rules: tuple[str, ...], files: Sequence[str] = ()
) -> RuleSet:
    from pathlib import Path

    from .rulepack import load_packs

    config = _load_config(config_file, ())
    extra = _unique_files((*config.extend_rules, *extend_rules, *files))
    try:
        return RuleSet(load_packs(Path(p) for p in extra), extra)
    except RulePackError as exc:
        raise UsageFailure(str(exc)) from None


def _print(renderable: Any, wide: bool = False) -> None:
    """A rich view on stdout; piped output gets a wide page so that rows stay whole."""
    from .report.terminal import emit, make_console

    width = 200 if wide and not sys.stdout.isatty() and not os.environ.get("COLUMNS") else None
    emit(make_console(sys.stdout, None, width=width), renderable)


@click.group(
    "rules",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=RULES_EXIT_CODES,
)
def rules() -> None:
    """Inspect and test rule packs: built-in, from the config's extend-rules, and --extend-rules."""


@rules.command("list")
@_rule_options
def rules_list(config: str | None, extend_rules: tuple[str, ...]) -> None:
    """A table of every rule: pack, id, zones, action, description."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .report.terminal import pack_style

    rule_set = _load_rule_set(config, extend_rules)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("pack", "id", "zones", "action"):
        table.add_column(name, overflow="fold")
    table.add_column("description", overflow="fold", ratio=1, min_width=24)
    for pack in rule_set.packs:
        for rule in pack.rules:
            zones = ",".join(z for z in ("head", "body", "tail") if z in rule.zones)
            table.add_row(
                Text(pack.id, style=pack_style(pack.id)),
                Text(rule.id),
                Text(zones),
                Text(rule.action),
                Text(rule.description),
            )
    _print(table, wide=True)


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@_rule_options
def rules_show(rule_id: str, config: str | None, extend_rules: tuple[str, ...]) -> None:
    """A rule's pattern, settings and examples (with a pack id: all its rules)."""
    from .report.ruleview import render_rule

    rule_set = _load_rule_set(config, extend_rules)
    chosen = [r for p in rule_set.packs for r in p.rules if rule_id in (r.id, r.pack)]
    if not chosen:
        import difflib

        known = [r.id for p in rule_set.packs for r in p.rules] + [p.id for p in rule_set.packs]
        close = difflib.get_close_matches(rule_id, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else " (see newsclean rules list)"
        raise UsageFailure(f"unknown rule or pack '{rule_id}'{hint}")
    from rich.console import Group

    from .engine import Cleaner

    judge = Cleaner([r for p in rule_set.packs for r in p.rules])
    _print(Group(*(render_rule(rule, judge) for rule in chosen)))


@rules.command("test")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@_rule_options
@click.pass_context
def rules_test(
    ctx: click.Context, files: tuple[str, ...], config: str | None, extend_rules: tuple[str, ...]
) -> None:
    """Run every rule's examples; with FILEs, only the rules of those packs.

    A 'remove' example must match its rule (and capture its fields); a 'keep' example
    must not. Prints each failure with the rule id and the example; exit 1 on failure.
    """
    from .engine import Cleaner
    from .ruletest import check_examples

    rule_set = _load_rule_set(config, extend_rules, files)
    every = [r for p in rule_set.packs for r in p.rules]
    wanted = {os.path.realpath(f) for f in files}
    tested = [r for p in rule_set.packs if not files or os.path.realpath(p.path) in wanted for r in p.rules]
    checks = list(check_examples(tested, Cleaner(every)))
    failures = [c for c in checks if not c.ok]
    for check in failures:
        click.echo(f"{click.style('FAIL', fg='red', bold=True)} {check.id}: {check.problem}")
        click.echo(f"    {check.example.text}")
    rule_count = len({c.rule.id for c in checks})
    rules_text = f"{rule_count} rule{'' if rule_count == 1 else 's'}"
    if failures:
        click.echo(f"{len(failures)} of {len(checks)} examples failed ({rules_text})")
        ctx.exit(1)
    click.echo(f"{len(checks)} examples in {rules_text}: all passed")
