"""Long work as headless jobs: search, folder sizes, following a log, transfers.

A job streams typed results and progress, is cancelled cooperatively and
runs the same under the TUI (a thread worker, `spyglass.ui.job_worker`) and
the CLI (the main thread, `terminal_run.run_in_terminal`). Nothing here
imports Textual.

Writing a job
-------------
A job is any object with an `action` and a `run(context)` (`job.Job`)::

    @dataclass
    class FindJob:
        backend: Backend
        root: str
        pattern: str

        @property
        def action(self) -> str:
            return f"search {safe_name(self.backend.display(self.root))}"

        def run(self, context: JobContext[Entry]) -> None:
            visited = matched = skipped = 0
            error: str | None = None
            folders = [self.root]
            while folders:
                folder = folders.pop()
                context.check()  # a cancellation point; delivers what is due
                shown = safe_name(self.backend.display(folder))
                try:
                    for batch in self.backend.list_batches(folder):
                        for entry in batch:
                            visited += 1
                            if entry.kind is Kind.FOLDER:
                                folders.append(entry.path)
                            if fnmatch(entry.name, self.pattern):
                                matched += 1
                                context.emit(entry)
                except OSError as exc:  # one unreadable folder does not end the search
                    skipped += 1
                    error = describe(exc, "list", shown)
                context.progress(
                    Progress(
                        visited=visited, matched=matched, skipped=skipped,
                        text=f"searching {shown}", error=error,
                    )
                )

The rules:

- `run` does the work in the calling thread and returns when done. Call
  into the context often (`check()` in every loop at least): that is where
  cancellation is noticed and where updates are delivered. A job that blocks
  for long between calls is cancelled late and delivers late.
- `context.emit(result)` appends a result. `context.emit_latest(value)` is
  for a job whose every value is a whole state (a growing sorted listing, a
  table of folder sizes): a newer value replaces those not yet delivered,
  so only the newest of each interval reaches the screen, and the final
  update carries the last one. A job normally uses one of the two.
- `context.progress(Progress(...))` reports counters and a status line; only
  the newest is delivered, so report as often as is convenient. Put a
  problem that did not stop the job (an unreadable folder) in
  `Progress.error` as a sentence (`spyglass.errors.describe`); if the user
  must see every one of them (grep's "cannot read"), make them results too.
- Cancellation: once cancelled, `check`, `emit`, `emit_latest` and
  `context.sleep(seconds)` raise `JobCancelled`. Let it propagate (it is a
  BaseException, so `except Exception` does not catch it); `finally` blocks
  run as usual, and `progress()` still records there. `context.cancelled`
  tells without raising, for a job that would rather stop at a good place
  and return.
- `context.sleep(seconds)` waits (a follow job's poll between reads), wakes
  on cancel and still delivers what falls due meanwhile. Never `time.sleep`.
- Failures: let an exception out of `run` and the run ends FAILED with
  "Cannot <action>: <cause>." (secrets masked, controls escaped; the
  traceback goes to the debug log). Raise `SpyglassError` with a full
  sentence to say it yourself. Results emitted before are still delivered.
- Untrusted text in results, `Progress.text` and `action` is yours to make
  safe (`safe_name`) where it is shown; the runner only cleans the failure
  sentence.
- Bounded work stays bounded: a search stops at its own result limit and
  says so, reads stay within their byte budgets (DESIGN.md).

Running a job
-------------
- `runner.run_job(job, sink, cancellation=..., interval=0.25, max_results=1000)`
  runs it in the calling thread and calls `sink(JobUpdate)` from that
  thread: the first result at once, then at most one update per interval,
  a full batch of `max_results` at once, and exactly one final update
  (FINISHED, CANCELLED or FAILED with `error`) last. Nothing is lost: the
  updates' results, joined, are every result emitted, in order.
- `ui.job_worker.JobWorker(widget, group).start(job)` runs it in a thread
  worker and posts `JobUpdated(job_id, update)` to the widget; `cancel()`
  (Esc), and `owns(message)` to drop updates of a replaced job.
- `terminal_run.run_in_terminal(job, show)` for the CLI: prints each result
  with `show`, Ctrl-C cancels (status 130), a closed pipe ends it quietly.
- `throttle.Throttle` is the pacing on its own, for code that yields
  snapshots itself (`fs.sorted_listing`).
"""
