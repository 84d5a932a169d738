"""Tasks page: the ledger of a plan's task-division items — the task list first (what a
department works from, also on a phone), department × status matrix, completion over time,
updates by the departments that lead them, evidence, and the progress report (通报).

A link ``/tasks?task=N`` opens the page at task T-N (its plan chosen, its card first)."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from index.accounts import Permission, Role
from index.library.changes import UPLOAD_DIR, safe_name
from index.store.database import StoreError
from index.tasks.evidence import decide_suggestion, pending_suggestions
from index.tasks.ledger import Ledger
from index.tasks.plans import extract_plan, import_table
from index.tasks.records import TaskView
from index.tasks.reports import completion_over_time, progress_report
from index.tasks.units import UnitMatcher
from index.tasks.workflow import STATUSES
from ui.components import md
from ui.data import home, require_page, store
from ui.export.names import export_name
from ui.export.task_report import report_docx, report_xlsx
from ui.i18n import t
from ui.i18n.dates import format_date, local_today
from ui.i18n.errors import said
from ui.session import linked_task
from ui.views.downloads import download
from ui.views.task_cards import (
    CardContext,
    may_change,
    own_plan,
    show_said,
    status_label,
    task_card,
)
from ui.views.tasks_chart import completion_chart

user = require_page(Permission.SEARCH)
st.title(t("nav.tasks"))


_SAID = "t_track_said"  # the last extraction's or import's message, shown once
_PLAN_CHOSEN = "t_plan_chosen"  # the plan the user last chose in the box


def _track_plans(expanded: bool) -> None:
    """Admins: extract the tasks of a stored work plan or, listed after the work plans, of
    another normative document (many State Council and provincial 意见 and 通知 end their items
    in responsibility notes), or import a division table.

    Both run in their button's callback, before the page's script: the run that follows already
    lists the new plan's tasks, and the message is shown above them, outside this panel (which
    closes once a plan is tracked). Done in the script itself, the first extraction left the
    page saying that no plan was tracked until a reload (issue 18)."""
    with store() as opened:
        documents = opened.documents()
    titles = {
        d["document_id"]: t(
            "tasks.extract_option", group=t(f"tasks.group_{group}"), title=d["title"]
        )
        for group, level in (("work_plan", "work_plan"), ("other", "normative_document"))
        for d in documents
        if d["level"] == level
    }
    with st.expander(t("tasks.track"), expanded=expanded):
        left, right = st.columns(2)
        with left, st.form("extract-plan"):
            st.selectbox(
                t("tasks.extract_label"),
                list(titles),
                format_func=titles.__getitem__,
                index=None,
                placeholder=t("tasks.extract_placeholder"),
                help=t("tasks.extract_help"),
                key="t_extract_choice",
            )
            st.form_submit_button(t("tasks.extract"), on_click=_extract)
        with right, st.form("import-table", clear_on_submit=True):
            st.file_uploader(
                t("tasks.import_label"), type=["xlsx", "csv", "docx"], key="t_import_file"
            )
            st.form_submit_button(t("tasks.import"), on_click=_import)
    show_said(_SAID)


def _extract() -> None:
    """The Extract button's callback: extract the chosen plan and keep the message to show."""
    choice = st.session_state.get("t_extract_choice")
    if not choice:
        return
    with store() as opened:
        try:
            # Read first: a document with no task (an 意见 without responsibility notes) is
            # said so, and not added as an empty plan to the plan box.
            if not extract_plan(opened, user, choice, save=False).items:
                title = opened.document(opened.resolve_document(choice)).title
                st.session_state[_SAID] = (False, t("tasks.extract_none", title=md(title)))
                return
            done = extract_plan(opened, user, choice)
        except StoreError as exc:
            st.session_state[_SAID] = (False, md(said(exc)))
            return
    s = done.saved
    if s is None:  # never with save=True (the default)
        return
    st.session_state["t_plan"] = done.plan_id  # the page shows the plan just extracted
    st.session_state[_SAID] = (
        True,
        t(
            "tasks.extracted",
            total=len(done.items),
            added=s.added,
            updated=s.updated,
            unchanged=s.unchanged,
        ),
    )


def _import() -> None:
    """The Import button's callback: keep the uploaded table, import it, keep the message."""
    table = st.session_state.get("t_import_file")
    if table is None:
        return
    folder = home() / UPLOAD_DIR / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(table.name)
    path.write_bytes(table.getvalue())
    with store() as opened:
        try:
            plan, saved = import_table(opened, user, path)
        except StoreError as exc:
            st.session_state[_SAID] = (False, md(said(exc)))
            return
    st.session_state["t_plan"] = plan
    st.session_state[_SAID] = (
        True,
        t("tasks.imported", plan=md(plan), added=saved.added, updated=saved.updated),
    )


with store() as opened:
    plans = Ledger(opened).plans()
if user.can(Permission.MANAGE_PLANS):
    _track_plans(expanded=not plans)
with store() as opened:
    ledger = Ledger(opened)
    plans = ledger.plans()
    if not plans:
        manage = user.can(Permission.MANAGE_PLANS)
        st.info(t("tasks.no_plan_admin") if manage else t("tasks.no_plan_ask"))
        st.stop()
    all_tasks = ledger.tasks()
    # Which tasks the user's body leads: one test for the filter, the cards and the ledger.
    unit = UnitMatcher(ledger.gazetteer, user.department)

# A link to one task (?task=N) chooses its plan and shows its card first.
linked_number = linked_task()
linked = next((x for x in all_tasks if x.number == linked_number), None)
if linked is not None and st.session_state.get("t_linked") != linked.number:
    st.session_state["t_plan"] = linked.plan_id
    st.session_state["t_linked"] = linked.number

titles = {p["plan_id"]: t("tasks.plan_option", title=p["title"], count=p["tasks"]) for p in plans}
# The plan shown: a link's or the user's choice (kept while the user is on other pages), else
# for a department user the plan holding most of its body's tasks, not an empty first plan.
if st.session_state.get("t_plan") not in titles:
    chosen = st.session_state.get(_PLAN_CHOSEN)
    st.session_state["t_plan"] = (
        chosen if chosen in titles else own_plan(plans, all_tasks, unit) or plans[0]["plan_id"]
    )


def _choose_plan() -> None:
    """The plan box's callback: remember the user's choice beyond this page."""
    st.session_state[_PLAN_CHOSEN] = st.session_state["t_plan"]


# The date field needs room for 2026-12-07 (at 1400px a 1/8 column cut it to "2026 - 12 -").
c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
plan_id = c1.selectbox(
    t("tasks.plan"),
    list(titles),
    format_func=titles.__getitem__,
    key="t_plan",
    on_change=_choose_plan,
)
in_plan = [x for x in all_tasks if x.plan_id == plan_id]
parts = sorted(
    {x.part for x in in_plan if x.part}, key=lambda p: min(x.seq for x in in_plan if x.part == p)
)
ALL = ""  # the "every part" / "every department" option
part = c2.selectbox(
    t("tasks.part"), [ALL, *parts], format_func=lambda p: p or t("tasks.all_parts"), key="t_part"
)
departments = sorted({d for x in in_plan for d in (*x.lead, *x.cooperating)})
department = c3.selectbox(
    t("tasks.department"),
    [ALL, *departments],
    format_func=lambda d: d or t("tasks.all_departments"),
    key="t_department",
    help=t("tasks.department_help"),
)
on = c4.date_input(t("tasks.on"), value=local_today(), key="t_on", format="YYYY-MM-DD")
only_mine = st.toggle(
    t("tasks.only_mine"),
    value=user.role is Role.DEPARTMENT,
    key="t_mine",
    disabled=not user.department,
)


def _keep(task: TaskView) -> bool:
    if part and task.part != part:
        return False
    if department and department not in (*task.lead, *task.cooperating):
        return False
    if only_mine:
        return unit.leads(task)
    return True


tasks = [x for x in in_plan if _keep(x)]
overdue = [x for x in tasks if x.urgency(on) == "overdue"]
soon = [x for x in tasks if x.urgency(on) == "due_soon"]
done = sum(x.status == "completed" for x in tasks)
# Four figures that wrap two by two on a phone instead of stacking four rows high.
with st.container(horizontal=True):
    st.metric(t("tasks.metric_tasks"), len(tasks), width=150)
    st.metric(
        t("tasks.metric_completed"),
        f"{done} ({done / len(tasks):.0%})" if tasks else "0",
        width=150,
    )
    st.metric(t("tasks.metric_overdue"), len(overdue), width=150)
    st.metric(t("tasks.metric_due_soon"), len(soon), width=150)

ctx = CardContext(user, on, plans, unit)
list_tab, matrix_tab, time_tab, report_tab = st.tabs(
    [
        t("tasks.tab_list", count=len(tasks)),
        t("tasks.tab_matrix"),
        t("tasks.tab_time"),
        t("tasks.tab_report"),
    ]
)

with list_tab:
    if linked is not None and linked.plan_id == plan_id:
        st.caption(t("tasks.linked"))
        task_card(ctx, linked, expanded=True)
    urgent_first = t("tasks.order_urgent")
    first = st.radio(
        t("tasks.order"), [urgent_first, t("tasks.order_plan")], horizontal=True, key="t_order"
    )
    ordered = (
        sorted(tasks, key=lambda x: ({"overdue": 0, "due_soon": 1}.get(x.urgency(on), 2), x.seq))
        if first == urgent_first
        else tasks
    )
    for task in ordered[:200]:
        if linked is None or task.number != linked.number:
            task_card(ctx, task)
    if len(ordered) > 200:
        st.caption(t("tasks.first_200", count=len(ordered)))

with matrix_tab:
    dept, late = t("tasks.column_department"), t("tasks.column_overdue")
    counts: dict[str, Counter[str]] = {}
    for task in tasks:
        for lead in task.lead or (t("tasks.no_lead"),):
            counted = counts.setdefault(lead, Counter())
            counted[task.status] += 1
            counted["overdue"] += task.urgency(on) == "overdue"
    table = [
        {dept: lead, **{status_label(s): c[s] for s in STATUSES}, late: c["overdue"]}
        for lead, c in sorted(counts.items(), key=lambda kv: (-kv[1]["overdue"], kv[0]))
    ]
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            late: st.column_config.ProgressColumn(
                late,
                min_value=0,
                max_value=max([c["overdue"] for c in counts.values()] + [1]),
                format="%d",
            )
        },
    )
    st.caption(t("tasks.matrix_note"))


SUGGEST_SAID = "t_suggest_said"  # what the last Confirm or Reject did: (ok, message)


def _suggestions() -> None:
    """New documents that may show a task of this plan done: confirm or reject each where the
    user may change the task; the others say who decides them. A decision is said after the
    rerun it causes, also when it was the last suggestion shown."""
    with store() as opened:
        waiting = [
            s
            for s in pending_suggestions(opened)
            if any(x.task_id == s["task_id"] for x in in_plan)
        ]
    if not waiting:
        show_said(SUGGEST_SAID)
        return
    st.subheader(t("tasks.suggested"))
    shown = [(s, next(x for x in in_plan if x.task_id == s["task_id"])) for s in waiting[:20]]
    mine = any(may_change(ctx, task) for _, task in shown)
    st.caption(t("tasks.suggested_note" if mine else "tasks.suggested_note_others"))
    show_said(SUGGEST_SAID)
    for n, (s, task) in enumerate(shown):
        with st.container(border=True):
            score = t("tasks.suggestion_score", score=f"{s['score']:.2f}")
            st.markdown(
                f"**{t('tasks.number', number=task.number)}** {md(task.text[:80])} "
                f"← **{md(s['title'])}** "
                f"{md(s['number'] or '')} ({score})"
            )
            if not may_change(ctx, task):
                lead = "、".join(task.lead)
                st.caption(
                    t("tasks.suggestion_lead_decides", lead=md(lead))
                    if lead
                    else t("tasks.suggestion_admin_decides")
                )
                continue
            y, no, _ = st.columns([1, 1, 4])
            for col, name, confirm in ((y, "confirm", True), (no, "reject", False)):
                col.button(
                    t(f"tasks.{name}"),
                    key=f"sg-{name}-{n}",
                    on_click=_decide,
                    args=(task, s, confirm),
                )


def _decide(task: TaskView, suggestion: dict, confirm: bool) -> None:
    """The Confirm and Reject buttons' callback: decide, and keep what happened to say it."""
    with store() as opened:
        try:
            decide_suggestion(
                Ledger(opened), user, task.task_id, str(suggestion["document_id"]), confirm=confirm
            )
        except StoreError as exc:
            st.session_state[SUGGEST_SAID] = (False, md(said(exc)))
            return
    outcome = "tasks.suggestion_confirmed" if confirm else "tasks.suggestion_rejected"
    st.session_state[SUGGEST_SAID] = (
        True,
        t(outcome, number=task.number, title=md(suggestion["title"])),
    )


with time_tab:
    points = completion_over_time(in_plan)
    if not points:
        st.info(t("tasks.none_completed"))
    else:
        st.altair_chart(completion_chart(points, len(in_plan)), width="stretch")
    _suggestions()

with report_tab:
    with store() as opened:
        report = progress_report(Ledger(opened), on, plan_id)
    total = report.total
    st.markdown(
        t(
            "tasks.report_summary",
            on=format_date(on),
            total=total.total,
            completed=total.completed,
            rate=f"{total.rate:.0%}",
            overdue=total.overdue,
            recent=len(report.completed_since),
            since=format_date(report.since) if report.since else t("tasks.report_since_start"),
        )
    )
    # Named after the plan and the report's date: <plan>-任务进展通报-2024年7月1日.docx
    plan_name = next(iter(report.plans), "")
    d1, d2, _ = st.columns([1, 1, 3])
    download(
        d1,
        t("tasks.report_docx"),
        lambda: report_docx(report),
        key="tasks-report-docx",
        file_name=export_name(plan_name, "tasks.report_file", "docx", day=on),
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    download(
        d2,
        t("tasks.report_xlsx"),
        lambda: report_xlsx(report),
        key="tasks-report-xlsx",
        file_name=export_name(plan_name, "tasks.report_file", "xlsx", day=on),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
