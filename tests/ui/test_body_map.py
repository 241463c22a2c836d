"""The body map: marks by mouse and by keyboard, what a screen reader hears, and the
outline's regions (the child's right is on the viewer's left on the front view only).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.accessibility import assert_accessible
from wtsc_desktop.body_outline import head_box, on_figure, outline_points, region
from wtsc_desktop.ui.widgets.body_map import STEP, BodyMapWidget

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def body_map(qtbot) -> BodyMapWidget:
    widget = BodyMapWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 480)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def test_the_outline_is_inside_its_box_and_names_the_body_parts() -> None:
    points = outline_points()
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points)
    left, top, width, height = head_box()
    assert left >= 0 and left + width <= 1 and top >= 0 and top + height < 0.2
    assert on_figure(0.5, 0.3) and not on_figure(0.02, 0.3)
    assert region("front", 0.5, 0.05) == "face"
    assert region("back", 0.5, 0.05) == "back of the head"
    assert region("front", 0.5, 0.25) == "chest"
    assert region("back", 0.5, 0.25) == "upper back"
    # A hand on the viewer's left is the child's right from the front, left from behind.
    assert region("front", 0.15, 0.52) == "right hand"
    assert region("back", 0.15, 0.52) == "left hand"
    assert region("front", 0.7, 0.6) == "left thigh"
    assert region("back", 0.7, 0.96) == "right foot"
    assert region("front", 0.02, 0.02) == "beside the outline"


def test_a_click_places_a_numbered_mark_where_it_lands(qtbot, body_map) -> None:
    spot = body_map.point_for("back", 0.5, 0.4).toPoint()
    qtbot.mouseClick(body_map, LEFT, pos=spot)
    [mark] = body_map.marks
    assert (mark.number, mark.side) == (1, "back")
    assert mark.x == pytest.approx(0.5, abs=0.01) and mark.y == pytest.approx(0.4, abs=0.01)
    assert mark.where() == "lower back"
    assert body_map.selected == 1
    # A click on an existing mark selects it rather than adding another.
    qtbot.mouseClick(body_map, LEFT, pos=body_map.point_for("front", 0.5, 0.3).toPoint())
    assert body_map.selected == 2
    qtbot.mouseClick(body_map, LEFT, pos=spot)
    assert [m.number for m in body_map.marks] == [1, 2] and body_map.selected == 1
    # A click outside both figures does nothing.
    qtbot.mouseClick(body_map, LEFT, pos=QPoint(2, 2))
    assert len(body_map.marks) == 2


def test_arrows_move_the_crosshair_and_enter_places_a_mark(qtbot, body_map) -> None:
    assert body_map.side == "front" and body_map.crosshair["front"] == (0.5, 0.3)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down):
        qtbot.keyClick(body_map, key)
    qtbot.keyClick(body_map, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    x, y = body_map.crosshair["front"]
    assert x == pytest.approx(0.5 + 2 * STEP) and y == pytest.approx(0.3 + STEP - STEP / 4)
    qtbot.keyClick(body_map, Qt.Key.Key_Return)
    [mark] = body_map.marks
    assert (mark.side, mark.x, mark.y) == ("front", x, y)
    # The crosshair stops at the edge of the figure's box.
    for _ in range(80):
        qtbot.keyClick(body_map, Qt.Key.Key_Left)
    assert body_map.crosshair["front"][0] == 0.0


def test_tab_goes_from_front_to_back_then_out_and_delete_removes(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    before, after = QLineEdit(), QLineEdit()
    body_map = BodyMapWidget()
    layout = QVBoxLayout(window)
    for widget in (before, body_map, after):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert body_map.hasFocus() and body_map.side == "front"
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert body_map.hasFocus() and body_map.side == "back"
    qtbot.keyClick(body_map, Qt.Key.Key_Return)
    qtbot.keyClick(body_map, Qt.Key.Key_Right)
    qtbot.keyClick(body_map, Qt.Key.Key_Return)
    assert [(m.number, m.side) for m in body_map.marks] == [(1, "back"), (2, "back")]
    qtbot.keyClick(body_map, Qt.Key.Key_PageUp)
    assert body_map.selected == 1
    qtbot.keyClick(body_map, Qt.Key.Key_Delete)
    assert [m.number for m in body_map.marks] == [2] and body_map.selected == 2
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert after.hasFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert body_map.hasFocus() and body_map.side == "back"
    qtbot.keyClick(body_map, Qt.Key.Key_Backtab)
    assert body_map.hasFocus() and body_map.side == "front"
    qtbot.keyClick(body_map, Qt.Key.Key_Backtab)
    assert before.hasFocus()


def test_a_screen_reader_hears_the_crosshair_and_every_mark(qtbot, body_map) -> None:
    assert_accessible(body_map)
    assert body_map.accessibleName() == "Body map"
    text = body_map.accessibleDescription()
    assert "Front outline. Crosshair on the chest, 50% across, 30% down." in text
    assert "No marks yet." in text and "Enter places a mark" in text
    qtbot.keyClick(body_map, Qt.Key.Key_Return)
    body_map.update_mark(1, label="bruise", size="3 cm")
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    text = body_map.accessibleDescription()
    assert text.startswith("Back outline.")
    assert "1 mark: mark 1 on the front, chest: bruise, about 3 cm." in text
    assert "Mark 1 is selected." in text


def test_marks_can_be_put_back_from_a_draft(qtbot, body_map) -> None:
    from wtsc_desktop.ui.widgets.body_map import Mark

    body_map.set_marks([Mark(3, "back", 0.4, 0.5, "graze", "2 cm")])
    assert body_map.selected == 3
    body_map.add_mark("front", 0.5, 0.5)
    assert [m.number for m in body_map.marks] == [3, 4]
    body_map.remove_mark(4)
    body_map.remove_mark(3)
    assert body_map.marks == [] and body_map.selected == 0
