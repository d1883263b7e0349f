"""The text view on its own: lazy highlighting and growth when more is loaded."""

from __future__ import annotations

from textual.app import App, ComposeResult

from spyglass.ui.text_view import BLOCK_LINES, TextView


class _ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TextView(id="view")


async def test_lines_added_to_a_half_highlighted_block_are_drawn() -> None:
    app = _ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TextView)
        lines = [f"x = {index}" for index in range(BLOCK_LINES + 50)]
        view.show(lines, "python", has_more=True, theme="monokai")
        await pilot.pause()
        view.scroll_to(y=BLOCK_LINES + 40, animate=False, immediate=True)
        await pilot.pause()
        assert len(view._blocks[1]) == 50  # the last block was highlighted half full
        lines.extend(f"x = {index}" for index in range(BLOCK_LINES + 50, 3 * BLOCK_LINES))
        view.extend(lines, has_more=False)
        await pilot.pause()
        view.scroll_to(y=BLOCK_LINES + 60, animate=False, immediate=True)
        await pilot.pause()
        drawn = view.render_line(0).text
        assert f"x = {BLOCK_LINES + 60}" in drawn


async def test_only_blocks_on_screen_are_highlighted() -> None:
    app = _ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TextView)
        view.show(
            [f"y = {index}" for index in range(50 * BLOCK_LINES)],
            "python",
            has_more=False,
            theme="monokai",
        )
        await pilot.pause()
        assert set(view._blocks) == {0}
        view.scroll_to(y=30 * BLOCK_LINES, animate=False, immediate=True)
        await pilot.pause()
        assert set(view._blocks) == {0, 30}
