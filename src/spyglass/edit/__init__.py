"""Editing a file where it is: a private copy, `$EDITOR`, and a safe write back.

`open_session(backend, path)` readies the file (a local one is edited in
place, any other is copied to a private folder); run the editor on
`session.file` (`editor_command`, `run_editor`); `finish(session, status)`
says what happened; on a conflict, `resolve(session, result, choice)`.
"""
