"""The app's, the tree's, the preview's and a table's bindings come from the table of actions."""

from __future__ import annotations

from textual.binding import Binding

from spyglass.keys import ACTIONS, Scope
from spyglass.ui.app import SpyglassApp
from spyglass.ui.file_tree import FileTree
from spyglass.ui.preview_pane import PreviewPane
from spyglass.ui.table_panel import TablePanel

Owner = type[SpyglassApp] | type[FileTree] | type[PreviewPane] | type[TablePanel]
OWNERS: tuple[tuple[Owner, Scope], ...] = (
    (SpyglassApp, Scope.APP),
    (FileTree, Scope.TREE),
    (PreviewPane, Scope.PREVIEW),
    (TablePanel, Scope.TABLE),
)


def bindings_of(owner: Owner) -> list[Binding]:
    bindings = owner.BINDINGS
    assert all(isinstance(binding, Binding) for binding in bindings)
    return [binding for binding in bindings if isinstance(binding, Binding)]


def test_every_action_has_a_binding_and_a_handler() -> None:
    for owner, scope in OWNERS:
        wanted = [a for a in ACTIONS if a.scope is scope]
        bindings = bindings_of(owner)
        assert [b.action for b in bindings] == [a.id for a in wanted]
        for action, binding in zip(wanted, bindings, strict=True):
            assert (binding.key, binding.description) == (action.keys, action.label)
            assert (binding.show, binding.priority) == (action.show, action.priority)
            assert hasattr(owner, f"action_{action.id}"), action.id


def test_only_rebindable_actions_have_an_id_for_the_keymap() -> None:
    ids = {b.id for owner, _ in OWNERS for b in bindings_of(owner)} - {None}
    assert ids == {a.id for a in ACTIONS if a.rebindable}
