"""Tasks page: the ledger of a plan's task-division items — department × status matrix, overdue
and due-soon items, completion over time, updates by the departments that lead them, evidence,
and the progress report."""

from __future__ import annotations

from datetime import date

import altair as alt
import streamlit as st

from index.accounts import Permission, Role
from index.library.changes import UPLOAD_DIR, safe_name
from index.store.database import StoreError
from index.tasks.attachments import (
    MAX_ATTACHMENT_MB,
    Attachment,
    attach_file,
    attachment_bytes,
    attachments,
)
from index.tasks.evidence import decide_suggestion, pending_suggestions
from index.tasks.ledger import Ledger
from index.tasks.plans import extract_plan, import_table
from index.tasks.records import TaskChange, TaskView
from index.tasks.reports import completion_over_time, progress_report
from index.tasks.workflow import STATUSES
from ui.components import md, open_in_document
from ui.data import home, require_page, store
from ui.export.task_report import report_docx, report_xlsx

STATUS_LABELS = {
    "not_started": "not started",
    "in_progress": "in progress",
    "completed": "completed",
    "suspended": "suspended",
}
URGENCY_BADGES = {"overdue": ":red-badge[overdue]", "due_soon": ":orange-badge[due soon]"}

user = require_page(Permission.SEARCH)
st.title("Tasks")


def _track_plans() -> None:
    """Admins: extract a stored work plan's tasks, or import a division table."""
    with store() as opened:
        documents = [d for d in opened.documents() if d["level"] == "work_plan"]
    with st.expander("Track a plan (admins)", expanded=not plans):
        left, right = st.columns(2)
        with left, st.form("extract-plan"):
            choice = st.selectbox(
                "Extract the tasks of a work plan in the library",
                [d["document_id"] for d in documents],
                format_func=lambda i: next(d["title"] for d in documents if d["document_id"] == i),
                index=None,
                placeholder="Choose a work plan",
            )
            if st.form_submit_button("Extract tasks") and choice:
                with store() as opened:
                    try:
                        done = extract_plan(opened, user, choice)
                    except StoreError as exc:
                        st.error(str(exc))
                    else:
                        s = done.saved
                        st.success(
                            f"{len(done.items)} tasks: {s.added} added, {s.updated} updated, "
                            f"{s.unchanged} unchanged."
                        )
        with right, st.form("import-table", clear_on_submit=True):
            table = st.file_uploader(
                "Or import a division table (XLSX, CSV or DOCX)", type=["xlsx", "csv", "docx"]
            )
            if st.form_submit_button("Import") and table is not None:
                folder = home() / UPLOAD_DIR / "tables"
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / safe_name(table.name)
                path.write_bytes(table.getvalue())
                with store() as opened:
                    try:
                        plan, saved = import_table(opened, user, path)
                    except StoreError as exc:
                        st.error(str(exc))
                    else:
                        st.success(f"{plan}: {saved.added} added, {saved.updated} updated.")


with store() as opened:
    ledger = Ledger(opened)
    plans = ledger.plans()
if user.can(Permission.MANAGE_PLANS):
    _track_plans()
with store() as opened:
    ledger = Ledger(opened)
    plans = ledger.plans()
    if not plans:
        st.info(
            "No plan is tracked yet. "
            + (
                "Extract one with `policylens tasks extract DOC` or import a division table "
                "with `policylens tasks import FILE.xlsx`."
                if user.can(Permission.MANAGE_PLANS)
                else "Ask an admin to extract or import a plan."
            )
        )
        st.stop()
    all_tasks = ledger.tasks()
    # The body the user belongs to (with its place), once for every card below.
    own_department = ledger.gazetteer.body(user.department).key if user.department else ""

titles = {p["plan_id"]: f"{p['title']} ({p['tasks']} tasks)" for p in plans}
c1, c2, c3, c4 = st.columns([3, 2, 2, 1])
plan_id = c1.selectbox("Plan", list(titles), format_func=titles.__getitem__, key="t_plan")
in_plan = [t for t in all_tasks if t.plan_id == plan_id]
parts = sorted(
    {t.part for t in in_plan if t.part}, key=lambda p: min(t.seq for t in in_plan if t.part == p)
)
part = c2.selectbox("Part", ["all parts", *parts], key="t_part")
departments = sorted({d for t in in_plan for d in (*t.lead, *t.cooperating)})
mine_default = user.role is Role.DEPARTMENT
department = c3.selectbox(
    "Department",
    ["all departments", *departments],
    key="t_department",
    help="Tasks it leads or co-operates on",
)
on = c4.date_input("On", value=date.today(), key="t_on")
only_mine = st.toggle(
    "Only the tasks my body leads",
    value=mine_default,
    key="t_mine",
    disabled=not user.department,
)


def _keep(t: TaskView) -> bool:
    if part != "all parts" and t.part != part:
        return False
    if department != "all departments" and department not in (*t.lead, *t.cooperating):
        return False
    if only_mine:
        return own_department in t.lead_keys
    return True


tasks = [t for t in in_plan if _keep(t)]
overdue = [t for t in tasks if t.urgency(on) == "overdue"]
soon = [t for t in tasks if t.urgency(on) == "due_soon"]
done = sum(t.status == "completed" for t in tasks)
m = st.columns(4)
m[0].metric("Tasks", len(tasks))
m[1].metric("Completed", f"{done} ({done / len(tasks):.0%})" if tasks else "0")
m[2].metric("Overdue", len(overdue))
m[3].metric("Due within 14 days", len(soon))

matrix_tab, list_tab, time_tab, report_tab = st.tabs(
    ["Departments × status", f"Tasks ({len(tasks)})", "Completion over time", "Report"]
)

with matrix_tab:
    rows = {}
    for t in tasks:
        for lead in t.lead or ("(no lead)",):
            row = rows.setdefault(
                lead, {"department": lead, **{STATUS_LABELS[s]: 0 for s in STATUSES}, "overdue": 0}
            )
            row[STATUS_LABELS[t.status]] += 1
            row["overdue"] += t.urgency(on) == "overdue"
    table = sorted(rows.values(), key=lambda r: (-r["overdue"], r["department"]))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "overdue": st.column_config.ProgressColumn(
                "overdue",
                min_value=0,
                max_value=max([r["overdue"] for r in table] + [1]),
                format="%d",
            )
        },
    )
    st.caption("Counted by lead department; a task with two leads counts for both.")


def _may_change(t: TaskView) -> bool:
    """Whether to offer this user the task's forms (the ledger checks again on saving)."""
    if user.role is Role.ADMIN:
        return True
    if not user.can(Permission.UPDATE_TASKS) or not own_department:
        return False
    return own_department in t.lead_keys


def _task_card(t: TaskView) -> None:
    urgency = URGENCY_BADGES.get(t.urgency(on), "")
    deadline = t.deadline_text or (t.deadline.isoformat() if t.deadline else "no deadline")
    with st.container(border=True):
        st.markdown(
            f"**T-{t.number}** {md(t.label)} {urgency} · {STATUS_LABELS[t.status]} "
            f"{t.progress}% · {md(deadline)}"
        )
        st.markdown(md(t.text))  # stored text is shown as written, never as Markdown
        lead = md("、".join(t.lead) or "—")
        cooperating = md("、".join(t.cooperating) or "—")
        st.caption(f"Lead: {lead} · Co-operating: {cooperating} · {md(t.part)}")
        if t.unknown:
            st.caption(f":orange[Not in the department table: {md('、'.join(t.unknown))}]")
        if t.note:
            st.caption(f"Note: {md(t.note)}")
        may_change = _may_change(t)
        b1, b2 = st.columns([1, 5])
        plan = next(p for p in plans if p["plan_id"] == t.plan_id)
        if plan["document_id"] and t.provision_id and b1.button("Source", key=f"src-{t.number}"):
            open_in_document(plan["document_id"], t.provision_id)
        if may_change:
            with b2.expander("Update and evidence"):
                _update_form(t)
                _evidence(t)


def _update_form(t: TaskView) -> None:
    # The version the user had on screen when they filled the form: if the task changed
    # since, saving must say so rather than overwrite the other change.
    seen_key = f"seen-version-{t.number}"
    seen = st.session_state.get(seen_key, t.version)
    with st.form(f"update-{t.number}"):
        status = st.selectbox(
            "Status",
            STATUSES,
            index=STATUSES.index(t.status),
            format_func=STATUS_LABELS.__getitem__,
        )
        progress = st.slider("Progress", 0, 100, t.progress, step=5)
        note = st.text_area("Note", t.note)
        if not st.form_submit_button("Save"):
            st.session_state[seen_key] = t.version
            return
    with store() as opened:
        try:
            Ledger(opened).update(
                user,
                t.task_id,
                TaskChange(status=status, progress=progress, note=note),
                expected_version=seen,
                on=on,
            )
        except StoreError as exc:
            st.session_state[seen_key] = t.version  # the next save is against what is shown now
            st.error(str(exc))
            return
    st.session_state.pop(seen_key, None)
    st.toast(f"T-{t.number} saved")
    st.rerun()


def _evidence(t: TaskView) -> None:
    with store() as opened:
        attached = Ledger(opened).evidence(t.task_id)
        files = attachments(opened, t.task_id)
        documents = {d["document_id"]: d["title"] for d in opened.documents()}
    st.markdown("**Evidence**")
    for e in attached:
        where = f" {e['provision_id'].rsplit('/', 1)[-1]}" if e["provision_id"] else ""
        title = md(e["title"] or e["document_id"])
        st.caption(f"{title}{md(where)} · by {md(e['added_by'])} {md(e['note'])}")
    for a in files:
        _attachment_row(t, a)
    with st.form(f"evidence-{t.number}", clear_on_submit=True):
        choice = st.selectbox(
            "A document in the library",
            list(documents),
            index=None,
            format_func=documents.__getitem__,
            placeholder="Choose the document that shows the work done",
        )
        article = st.text_input("Article (optional)", placeholder="art-12")
        upload = st.file_uploader(
            f"Or attach a file (kept with the task, not added to the library; up to "
            f"{MAX_ATTACHMENT_MB} MB)"
        )
        note = st.text_input("What it shows")
        if not st.form_submit_button("Attach"):
            return
    with store() as opened:
        try:
            if upload is not None:
                attach_file(opened, user, t.task_id, upload.name, upload.getvalue(), note)
            elif choice:
                provision = (
                    opened.provision(choice, article.strip())["provision_id"]
                    if article.strip()
                    else None
                )
                Ledger(opened).attach_evidence(user, t.task_id, choice, provision, note)
            else:
                return
        except StoreError as exc:
            st.error(str(exc))
            return
    st.rerun()


def _attachment_row(t: TaskView, a: Attachment) -> None:
    """One attached file: its name as uploaded, who sent it, and a download button."""
    left, right = st.columns([5, 1])
    size = f"{a.size / 1024:.0f} KB" if a.size >= 1024 else f"{a.size} B"
    left.caption(
        f"📎 {md(a.file_name)} ({size}) · by {md(a.uploaded_by)} {a.uploaded_at[:10]} {md(a.note)}"
    )

    def data() -> bytes:
        with store() as opened:
            return attachment_bytes(opened, user, a.id)[1]

    right.download_button(
        "Download",
        data,
        file_name=safe_name(a.file_name),
        mime="application/octet-stream",  # served as a file, never shown as a page
        key=f"att-{t.number}-{a.id}",
    )


with list_tab:
    first = st.radio(
        "Show first", ["overdue and due soon", "plan order"], horizontal=True, key="t_order"
    )
    ordered = (
        sorted(tasks, key=lambda t: ({"overdue": 0, "due_soon": 1}.get(t.urgency(on), 2), t.seq))
        if first == "overdue and due soon"
        else tasks
    )
    for t in ordered[:200]:
        _task_card(t)
    if len(ordered) > 200:
        st.caption(f"The first 200 of {len(ordered)}; narrow with the filters above.")

with time_tab:
    points = completion_over_time(in_plan)
    if not points:
        st.info("No task of this plan is completed yet.")
    else:
        chart = (
            alt.Chart(alt.Data(values=points))
            .mark_line(point=True, interpolate="step-after")
            .encode(
                x=alt.X("date:T", title="completed on"),
                y=alt.Y(
                    "completed:Q",
                    title=f"tasks completed (of {len(in_plan)})",
                    scale=alt.Scale(domain=[0, len(in_plan)]),
                    axis=alt.Axis(format="d", tickMinStep=1),
                ),
                tooltip=["date:T", "completed:Q"],
            )
        )
        st.altair_chart(chart, width="stretch")
    with store() as opened:
        waiting = [
            s
            for s in pending_suggestions(opened)
            if any(t.task_id == s["task_id"] for t in in_plan)
        ]
    if waiting:
        st.subheader("Suggested evidence")
        st.caption("New documents that may show a task done; confirm or reject each.")
        for n, s in enumerate(waiting[:20]):
            task = next(t for t in in_plan if t.task_id == s["task_id"])
            with st.container(border=True):
                st.markdown(
                    f"**T-{task.number}** {md(task.text[:80])} ← **{md(s['title'])}** "
                    f"{md(s['number'] or '')} (score {s['score']:.2f})"
                )
                if not _may_change(task):
                    continue
                y, no, _ = st.columns([1, 1, 4])
                for column, label, confirm in ((y, "Confirm", True), (no, "Reject", False)):
                    if column.button(label, key=f"sg-{label}-{n}"):
                        with store() as opened:
                            try:
                                decide_suggestion(
                                    Ledger(opened),
                                    user,
                                    s["task_id"],
                                    s["document_id"],
                                    confirm=confirm,
                                )
                            except StoreError as exc:
                                st.error(str(exc))
                            else:
                                st.rerun()

with report_tab:
    with store() as opened:
        report = progress_report(Ledger(opened), on, plan_id)
    t = report.total
    st.markdown(
        f"On {on.isoformat()}: {t.total} tasks, {t.completed} completed ({t.rate:.0%}), "
        f"{t.overdue} overdue, {len(report.completed_since)} completed since "
        f"{report.since.isoformat() if report.since else 'the start'}."
    )
    d1, d2, _ = st.columns([1, 1, 3])
    d1.download_button(
        "Report (DOCX)",
        lambda: report_docx(report),
        file_name=f"progress-report-{on.isoformat()}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    d2.download_button(
        "Report (XLSX)",
        lambda: report_xlsx(report),
        file_name=f"progress-report-{on.isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
