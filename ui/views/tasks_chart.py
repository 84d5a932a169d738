"""The Tasks page's completion chart: tasks completed over time, as a step line.

Everything the chart says is in the interface language, for the eye and for a screen reader:
the axes' titles, the dates (``tasks.chart_date_format``), the tooltip, and one description of
the whole chart in place of Vega's English ("X-axis titled …", "Line mark with 3 points"), which
is turned off (``aria=False``); the vega-embed action menu is off too. The root's role
("visualization") is Vega's own word, swapped by the page script (ui/i18n/catalogue/builtin.py).
"""

from __future__ import annotations

import altair as alt

from ui.i18n import t
from ui.i18n.dates import format_date


def completion_chart(points: list[dict[str, object]], total: int) -> alt.LayerChart | alt.Chart:
    """The chart of ``points`` (``completion_over_time``: a date and the tasks completed by
    then) for a plan of ``total`` tasks."""
    day = t("tasks.chart_date_format")
    last = points[-1] if points else {"date": "", "completed": 0}
    description = t(
        "tasks.chart_description",
        total=total,
        completed=last["completed"],
        day=format_date(str(last["date"])) if last["date"] else "",
    )
    return (
        alt.Chart(alt.Data(values=points))
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("date:T", title=t("tasks.axis_completed_on"), axis=alt.Axis(format=day)),
            y=alt.Y(
                "completed:Q",
                title=t("tasks.axis_completed", total=total),
                scale=alt.Scale(domain=[0, total]),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            tooltip=[
                alt.Tooltip("date:T", title=t("tasks.axis_completed_on"), format=day),
                alt.Tooltip("completed:Q", title=t("tasks.metric_completed")),
            ],
        )
        .properties(description=description, usermeta={"embedOptions": {"actions": False}})
        .configure(aria=False, timeFormat=day)
    )
