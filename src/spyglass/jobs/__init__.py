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
                            if entry.is_folder and entry.link_target is None:
                                folders.append(entry.path)  # links not followed: no loops
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

Imports: `spyglass.jobs.context.JobContext`, `spyglass.jobs.progress.Progress`,
`spyglass.jobs.cancellation.JobCancelled`; results can be any type, best a
small frozen dataclass of plain data (it crosses threads).

The rules:

- `run` does the work in the calling thread and returns when done. Call
  into the context often (`check()` in every loop at least): that is where
  cancellation is noticed and where updates are delivered. A job that blocks
  for long between calls is cancelled late and delivers late. The context
  is not thread-safe: a job with threads of its own hands their results
  back to the thread that called `run`, which alone calls the context.
- `context.emit(result)` appends a result; `context.emit_latest(value)`
  delivers a value that replaces everything before it (see below).
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
  says so, reads stay within their byte budgets (ARCHITECTURE.md, rule 2).

Two kinds of results
--------------------
Most jobs find things one at a time (matches, folder totals, new lines of a
log): every one counts, the consumer appends them, and dropping one would
lose a match. Use `emit`. Nothing is lost: the `results` of all updates,
joined, are every emitted result in order.

Some jobs instead produce a whole state again and again (the sorted listing
of a folder that is still being read, a table of the biggest folders so
far). An older state that has not been shown yet is worth nothing once a
newer one exists, and showing it costs the UI a relayout. Use
`emit_latest`: it drops what is not yet delivered, so whatever the job's
own pace, the screen gets at most one state per interval, always the
newest, and the final update carries the last state. The consumer replaces
its state with `update.results[-1]` when `results` is not empty.

Both share one pace and one `JobUpdate` shape, so the runner, the Textual
adapter and the CLI helper do not care which kind a job emits; a job
normally uses one of the two (`emit_latest` also drops appended results
not yet delivered).

The pace: the first result at once; then at most one update per
`interval` (0.25 s), except that a full batch of `max_results` (1,000)
goes at once. Capping pace and size both would cap throughput (4,000
results a second) and keep a fast search waiting on the screen; this way a
burst of a million results is a thousand updates of a thousand, and a
trickle is four updates a second. Progress alone is sent when due too.

Running a job
-------------
- `runner.run_job(job, sink, cancellation=None, interval=0.25,
  max_results=1000, clock=time.monotonic) -> JobUpdate` runs it in the
  calling thread and calls `sink(update)` from that thread, at the pace
  above, with exactly one final update last (FINISHED, CANCELLED, or
  FAILED with `error`), which it also returns. It raises only what is not
  the job's fault: the sink's own exception (the job is cancelled first),
  and KeyboardInterrupt (after a CANCELLED final update).
  `cancellation.Cancellation` is the flag to cancel it with from any thread.
- `ui.job_worker.JobWorker(widget, group).start(job)` runs it in a thread
  worker and posts `JobUpdated(job_id, update)` to the widget; `cancel()`
  (Esc), and `owns(message)` to drop updates of a replaced job.
- `terminal_run.run_in_terminal(job, show)` for the CLI: prints each result
  with `show`, Ctrl-C cancels (status 130), a closed pipe ends it quietly.
- `throttle.Throttle` is the pacing on its own, for code that yields
  snapshots itself (`tree.sorted_listing`).
"""
