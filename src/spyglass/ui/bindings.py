"""Textual bindings made from the table of actions in `spyglass.keys`."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from spyglass.keys import Action, Scope, actions


def binding(action: Action) -> Binding:
    # Only rebindable actions carry an id: it is the name `set_keymap` looks for.
    return Binding(
        action.keys,
        action.id,
        action.label,
        show=action.show,
        priority=action.priority,
        id=action.id if action.rebindable else None,
    )


def app_bindings() -> list[BindingType]:
    return [binding(action) for action in actions(Scope.APP)]


def tree_bindings() -> list[BindingType]:
    return [binding(action) for action in actions(Scope.TREE)]


def preview_bindings() -> list[BindingType]:
    return [binding(action) for action in actions(Scope.PREVIEW)]


def table_bindings() -> list[BindingType]:
    return [binding(action) for action in actions(Scope.TABLE)]
