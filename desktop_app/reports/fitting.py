"""A list that takes the room left on its page: what does not fit is counted, not split off."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable


class FitToPage(Flowable):
    """Show as many of `items` as fit where the list starts, then `rest(left_out)`.

    Carrying one line of the last item over to an otherwise empty page reads as a broken
    report; a summary list loses nothing by ending with "and N more" when the full list is
    elsewhere. Fewer than `minimum` items where it starts: the list moves to the next page.
    """

    def __init__(self, items: Sequence[Flowable], rest: Callable[[int], Flowable],
                 minimum: int = 3) -> None:
        super().__init__()
        self._items = list(items)
        self._rest = rest
        self._minimum = min(minimum, len(self._items))
        self._moved = False
        self._shown: list[tuple[Flowable, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        heights = [self._height(item, availWidth) for item in self._items]
        count, used = len(self._items), sum(heights)
        tail: Flowable | None = None
        if used > availHeight:
            count, used = 0, 0.0
            while count < len(self._items):
                closing = self._rest(len(self._items) - count - 1)
                needed = used + heights[count] + self._height(closing, availWidth)
                if needed > availHeight:
                    break
                used += heights[count]
                count += 1
            tail = self._rest(len(self._items) - count)
            if count < self._minimum and not self._moved:
                return availWidth, availHeight + 1  # too little room here: next page
            used += self._height(tail, availWidth)
        self._shown = [(item, height) for item, height in zip(self._items[:count], heights)]
        if tail is not None:
            self._shown.append((tail, self._height(tail, availWidth)))
        self.width, self.height = availWidth, used
        return availWidth, used

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._moved = True
        return []

    def draw(self) -> None:
        top = self.height
        for item, height in self._shown:
            top -= item.getSpaceBefore()
            _, drawn = item.wrap(self.width, height)
            item.drawOn(self.canv, 0, top - drawn)
            top -= drawn + item.getSpaceAfter()

    @staticmethod
    def _height(item: Flowable, width: float) -> float:
        _, height = item.wrap(width, 10_000)
        return item.getSpaceBefore() + height + item.getSpaceAfter()
