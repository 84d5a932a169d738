"""A task's card on the Tasks page: what it asks, who leads it, its status, and for the users who
may change it, the update form and the evidence (a library document or one of its articles, or
an attached file). The update panel stays open after a save or an attachment (issue 18).

The evidence fields are plain keyed widgets, not a form that clears itself: a mistake (an article
the document does not have) is reported and every field keeps what the user entered; after a
success the fields start empty again (their keys carry a round number that moves on).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import streamlit as st

from index.accounts import Permission, Role, User
from index.library.changes import safe_name
from index.store.database import NotFoundError, Store, StoreError
from index.tasks.articles import ArticleNotFoundError, document_articles, find_article
from index.tasks.attachments import (
    MAX_ATTACHMENT_MB,
    Attachment,
    attach_file,
    attachment_bytes,
    attachments,
)
from index.tasks.ledger import Ledger
from index.tasks.records import TaskChange, TaskView
from index.tasks.units import UnitMatcher
from index.tasks.workflow import STATUSES
from ui.components import md, open_in_document
from ui.data import store
from ui.i18n import t
from ui.i18n.dates import format_date, local_date
from ui.i18n.errors import said
from ui.views.downloads import download

URGENCY_COLOURS = {"overdue": "red", "due_soon": "orange"}


@dataclass(frozen=True, slots=True)
class CardContext:
    """What every card on the page needs: who looks, on which day, the plans, and which tasks
    the user's body leads (the test the ledger applies on saving)."""

    user: User
    on: date
    plans: list[dict]
    unit: UnitMatcher


def own_plan(plans: list[dict], tasks: list[TaskView], unit: UnitMatcher) -> str | None:
    """The plan a department user starts on: the one with most tasks its body leads, the
    newest of equals; None when its body leads none (or the user has no body)."""
    if unit.body is None:
        return None
    led = Counter(x.plan_id for x in tasks if unit.leads(x))
    ranked = [p for p in plans if led[p["plan_id"]]]
    if not ranked:
        return None
    best = max(ranked, key=lambda p: (led[p["plan_id"]], p.get("created_at") or ""))
    return str(best["plan_id"])


def status_label(status: str) -> str:
    """A task status in the interface language (未开始, 推进中 …)."""
    return t(f"task.status.{status}")


def urgency_badge(task: TaskView, on: date) -> str:
    """``:red-badge[已逾期]`` or ``:orange-badge[即将到期]`` (empty when neither)."""
    urgency = task.urgency(on)
    if not urgency:
        return ""
    return f":{URGENCY_COLOURS[urgency]}-badge[{t(f'task.urgency.{urgency}')}]"


def may_change(ctx: CardContext, task: TaskView) -> bool:
    """Whether to offer this user the task's forms (the ledger checks again on saving)."""
    if ctx.user.role is Role.ADMIN:
        return True
    if not ctx.user.can(Permission.UPDATE_TASKS):
        return False
    return ctx.unit.leads(task)


def panel_key(task: TaskView) -> str:
    """The key of a task's update panel (its open state in ``st.session_state``)."""
    return f"t_panel-{task.number}"


def task_card(ctx: CardContext, task: TaskView, *, expanded: bool = False) -> None:
    """One task: its first line, text, bodies and note; Source, and the forms where allowed."""
    deadline = task.deadline_text or (
        format_date(task.deadline) if task.deadline else t("tasks.no_deadline")
    )
    with st.container(border=True):
        st.markdown(
            f"**{t('tasks.number', number=task.number)}** {md(task.label)} "
            f"{urgency_badge(task, ctx.on)} · "
            f"{status_label(task.status)} {task.progress}% · {md(deadline)}"
        )
        st.markdown(md(task.text))  # stored text is shown as written, never as Markdown
        st.caption(
            t(
                "tasks.lead_line",
                lead=md("、".join(task.lead) or "—"),
                cooperating=md("、".join(task.cooperating) or "—"),
                part=md(task.part),
            )
        )
        if task.unknown:
            st.caption(f":orange[{t('tasks.unknown_bodies', names=md('、'.join(task.unknown)))}]")
        if task.note:
            st.caption(t("tasks.note_line", note=md(task.note)))
        b1, b2 = st.columns([1, 5])
        plan = next(p for p in ctx.plans if p["plan_id"] == task.plan_id)
        if (
            plan["document_id"]
            and task.provision_id
            and b1.button(t("tasks.source"), key=f"src-{task.number}")
        ):
            open_in_document(plan["document_id"], task.provision_id)
        if may_change(ctx, task):
            # Its open state is kept for the session (a keyed expander that tracks it), so a
            # save or an attachment, which reruns the page, leaves the panel open where it was.
            with b2.expander(
                t("tasks.update_and_evidence"),
                expanded=expanded,
                key=panel_key(task),
                on_change="rerun",
            ):
                _update_form(ctx, task)
                _evidence(ctx, task)


def _update_form(ctx: CardContext, task: TaskView) -> None:
    """The status, progress and note of a task, saved by the button's callback before the page
    reruns: one complete run then draws the saved task, so the page keeps its length and its
    place (a save followed by ``st.rerun`` cut a run short, and the page shrank for a moment).

    The fields' keys carry the task's version: after a save, or a change by someone else, the
    form starts from the stored values, and a save is checked against the version shown."""
    keys = {name: f"upd-{name}-{task.number}-{task.version}" for name in ("status", "progress")}
    keys["note"] = f"upd-note-{task.number}-{task.version}"
    with st.form(f"update-{task.number}"):
        st.selectbox(
            t("tasks.status"),
            STATUSES,
            index=STATUSES.index(task.status),
            format_func=status_label,
            key=keys["status"],
        )
        st.slider(
            t("tasks.progress"),
            0,
            100,
            task.progress,
            step=5,
            key=keys["progress"],
            help=t("tasks.progress_help"),
        )
        st.text_area(t("tasks.note"), task.note, key=keys["note"])
        st.form_submit_button(t("tasks.save"), on_click=_save, args=(ctx, task, keys))
    show_said(_said_key(task))


def show_said(key: str) -> None:
    """Show, once, the outcome a callback left in session state under ``key``: ``(ok,
    message)``, a toast and a success box, or an error."""
    said = st.session_state.pop(key, None)
    if said is not None:
        ok, message = said
        if ok:
            st.toast(message)
            st.success(message)
        else:
            st.error(message)


def _said_key(task: TaskView) -> str:
    return f"upd-said-{task.number}"


def _save(ctx: CardContext, task: TaskView, keys: dict[str, str]) -> None:
    """The Save button's callback: save the form against the version it showed."""
    state = st.session_state
    status, progress = state[keys["status"]], state[keys["progress"]]
    if status == "completed":
        progress = 100  # 已完成 is 100 % done, whatever the slider still shows
    change = TaskChange(status=status, progress=progress, note=state[keys["note"]])
    with store() as opened:
        try:
            Ledger(opened).update(
                ctx.user, task.task_id, change, expected_version=task.version, on=ctx.on
            )
        except StoreError as exc:
            state[_said_key(task)] = (False, t("tasks.save_failed", reason=md(said(exc))))
            return
    state[_said_key(task)] = (True, t("tasks.saved", number=task.number))


def _keys(task: TaskView) -> dict[str, str]:
    """The evidence widgets' keys for this task in the current round."""
    done = st.session_state.get(f"ev-round-{task.number}", 0)
    return {
        name: f"ev-{name}-{task.number}-{done}"
        for name in ("document", "article", "pick", "file", "note")
    }


def _evidence(ctx: CardContext, task: TaskView) -> None:
    with store() as opened:
        attached = Ledger(opened).evidence(task.task_id)
        files = attachments(opened, task.task_id)
        rows = opened.documents()
        documents = {d["document_id"]: d["title"] for d in rows}
        # Two versions of a law share a title: each is offered with its version date.
        choices = {d["document_id"]: _document_choice(d) for d in rows}
        numbers = {e["provision_id"]: _number(opened, e) for e in attached if e["provision_id"]}
    st.markdown(f"**{t('tasks.evidence')}**")
    for e in attached:
        where = f" {numbers[e['provision_id']]}" if e["provision_id"] else ""
        title = md(e["title"] or e["document_id"])
        st.caption(
            t(
                "tasks.evidence_by",
                title=title,
                article=md(where),
                name=md(e["added_by"]),
                note=md(e["note"]),
            )
        )
    for a in files:
        _attachment_row(ctx, task, a)
    keys = _keys(task)
    choice = st.selectbox(
        t("tasks.evidence_document"),
        list(choices),
        index=None,
        format_func=choices.__getitem__,
        placeholder=t("tasks.evidence_document_placeholder"),
        key=keys["document"],
    )
    left, right = st.columns(2)
    left.text_input(
        t("tasks.evidence_article"),
        placeholder=t("tasks.evidence_article_placeholder"),
        key=keys["article"],
    )
    articles = []
    if choice:
        with store() as opened:
            articles = document_articles(opened, choice)
    labels = {a.provision_id: a.label for a in articles}
    right.selectbox(
        t("tasks.evidence_pick"),
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder=t("tasks.evidence_pick_placeholder"),
        key=keys["pick"],
        disabled=not articles,
    )
    st.file_uploader(t("tasks.evidence_file", mb=MAX_ATTACHMENT_MB), key=keys["file"])
    st.text_input(t("tasks.evidence_note"), key=keys["note"])
    st.button(
        t("tasks.attach"),
        key=f"ev-attach-{task.number}",
        on_click=_attach_clicked,
        args=(ctx, task, keys, documents),
    )
    said = st.session_state.pop(f"ev-said-{task.number}", None)
    if said is not None:
        ok, message = said
        (st.success if ok else st.error)(message)  # on an error the fields keep their values


def _attach_clicked(
    ctx: CardContext, task: TaskView, keys: dict[str, str], documents: dict[str, str]
) -> None:
    """The Attach button's callback, before the page reruns (one complete run, the page keeps
    its place): attach, and on success move to a new round of empty fields."""
    problem = _attach(ctx, task, keys, documents)
    said = f"ev-said-{task.number}"
    if problem is not None:
        st.session_state[said] = (False, problem)
        return
    round_key = f"ev-round-{task.number}"
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1  # empty fields
    st.session_state[said] = (True, t("tasks.attached", number=task.number))


def _attach(
    ctx: CardContext, task: TaskView, keys: dict[str, str], documents: dict[str, str]
) -> str | None:
    """Attach what the fields name; None when done, else the message to show (the fields stay
    as they are)."""
    state = st.session_state
    upload = state.get(keys["file"])
    choice = state.get(keys["document"])
    typed = (state.get(keys["article"]) or "").strip()
    picked = state.get(keys["pick"])
    note = state.get(keys["note"]) or ""
    with store() as opened:
        try:
            if upload is not None:
                attach_file(opened, ctx.user, task.task_id, upload.name, upload.getvalue(), note)
                return None
            if not choice:
                return t(
                    "tasks.evidence_article_needs_document" if typed else "tasks.evidence_nothing"
                )
            provision = find_article(opened, choice, typed).provision_id if typed else picked
            Ledger(opened).attach_evidence(ctx.user, task.task_id, choice, provision, note)
        except ArticleNotFoundError as exc:
            title = documents.get(str(choice), "")
            return t("tasks.evidence_no_article", title=md(title), typed=md(exc.typed))
        except StoreError as exc:
            return md(said(exc))
    return None


def _document_choice(row: dict) -> str:
    """A library document as the evidence picker offers it: 示例安全生产法（2021年6月10日版）."""
    if not row.get("version_date"):
        return str(row["title"])
    return t(
        "tasks.evidence_document_version", title=row["title"], day=format_date(row["version_date"])
    )


def _number(opened: Store, evidence: dict) -> str:
    """An evidence article's number as printed (第十六条), else its id's last part."""
    try:
        return opened.provision(evidence["document_id"], evidence["provision_id"])["number"] or ""
    except NotFoundError:
        return evidence["provision_id"].rsplit("/", 1)[-1]


def _attachment_row(ctx: CardContext, task: TaskView, a: Attachment) -> None:
    """One attached file: its name as uploaded, who sent it, and a download button."""
    left, right = st.columns([5, 1])
    size = f"{a.size / 1024:.0f} KB" if a.size >= 1024 else t("tasks.size_bytes", n=a.size)
    left.caption(
        t(
            "tasks.attachment_line",
            name=md(a.file_name),
            size=size,
            by=md(a.uploaded_by),
            day=format_date(local_date(a.uploaded_at)),  # the local day, not UTC
            note=md(a.note),
        )
    )

    def data() -> bytes:
        with store() as opened:
            return attachment_bytes(opened, ctx.user, a.id)[1]

    download(
        right,
        t("tasks.download"),
        data,
        key=f"att-{task.number}-{a.id}",
        file_name=safe_name(a.file_name),
        mime="application/octet-stream",  # served as a file, never shown as a page
    )
