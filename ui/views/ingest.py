"""Ingest page: upload files (reviewers and admins) or ingest a server folder (admins); the work
runs as a background job (a row in the store that any app server may run, so it outlives the
server it was sent to), so this page and every other user stay responsive. A new version of a
work sent by a reviewer waits here until an admin confirms or rejects it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from index.accounts import Permission
from index.bulk.handlers import confirm_job, folder_job, upload_job
from index.library.changes import (
    ACCEPTED_SUFFIXES,
    MAX_UPLOAD_MB,
    Upload,
    pending_versions,
    reject_version,
)
from index.library.jobs import JobView
from index.library.pending import CONFIRM_VERSIONS
from index.store.database import StoreError
from ui.components import actor_name, md
from ui.data import home, job_runner, require_page
from ui.i18n import has, t
from ui.i18n.dates import format_date, format_datetime
from ui.i18n.errors import ingest_finding_text, said

# marks every CJK font has (√ 成功, △ 部分, × 失败), not emoji, which need an emoji font
STATUS_ICONS = {"OK": "√", "PARTIAL": "△", "FAILED": "×"}
JOB_BADGES = {
    "queued": "gray",
    "running": "blue",
    "done": "green",
    "partial": "orange",
    "failed": "red",
}

user = require_page(Permission.UPLOAD)
st.title(t("nav.ingest"))
st.caption(
    t("intake.caption", mb=MAX_UPLOAD_MB)
    + ("" if user.can(CONFIRM_VERSIONS) else t("intake.caption_confirm"))
)


with st.form("upload", clear_on_submit=True):
    files = st.file_uploader(
        t("intake.files"), type=list(ACCEPTED_SUFFIXES), accept_multiple_files=True, key="files"
    )
    send = st.form_submit_button(t("intake.send"), type="primary", icon=":material/upload:")
if send:
    if not files:
        st.warning(t("intake.choose_first"))
    else:
        uploads = [Upload(f.name, f.getvalue()) for f in files]
        label = t("intake.list_sep").join(u.name for u in uploads[:3]) + (
            " …" if len(uploads) > 3 else ""
        )
        job_runner().submit("upload", user.username, label, upload_job(home(), user, uploads))
        st.toast(t("intake.started", count=len(uploads)))


def _pending() -> None:
    """Versions waiting for an admin: Confirm or Reject for admins, a note for their senders."""
    waiting = pending_versions(home(), user)
    if not waiting:
        return
    st.subheader(t("intake.waiting", count=len(waiting)))
    admin = user.can(CONFIRM_VERSIONS)
    for p in waiting:
        with st.container(border=True):
            version = format_date(p["version_date"]) or t("intake.undated")
            st.markdown(
                t(
                    "intake.waiting_line",
                    title=md(p["title"]),
                    version=md(version),
                    provisions=p["provisions"],
                    file=md(p["file_name"]),
                    by=md(actor_name(p["uploaded_by"])),
                    at=format_datetime(p["uploaded_at"]),
                )
            )
            st.caption(t("intake.waiting_note", current=md(p["in_force"] or "—")))
            if not admin:
                continue
            yes, no, _ = st.columns([1, 1, 4])
            if yes.button(t("intake.confirm"), key=f"pv-confirm-{p['id']}", type="primary"):
                job_runner().submit(
                    "confirm",
                    user.username,
                    f"confirm {p['file_name']}",
                    confirm_job(user, int(p["id"])),
                )
                st.toast(t("intake.started_one", name=md(p["file_name"])))
            if no.button(t("intake.reject"), key=f"pv-reject-{p['id']}"):
                try:
                    reject_version(home(), user, int(p["id"]))
                except StoreError as exc:
                    st.error(md(said(exc)))
                else:
                    st.rerun()


_pending()

if user.can(Permission.INGEST_FOLDER):
    with st.expander(t("intake.folder_title")):
        with st.form("folder"):
            folder = st.text_input(t("intake.folder"), key="folder")
            go = st.form_submit_button(t("intake.folder_send"))
        if go and folder.strip():
            path = Path(folder.strip()).expanduser()
            if not path.is_dir():
                st.error(t("intake.no_folder", path=md(path)))
            else:
                job_runner().submit("folder", user.username, str(path), folder_job(user, path))
                st.toast(t("intake.started_one", name=md(path)))


def _outcome_rows(view: JobView) -> list[dict]:
    rows = []
    for o in view.results:
        notes = [ingest_finding_text(f) for f in o.findings if f["severity"] != "info"]
        if o.new:
            change = t("intake.new")
        elif o.document_id:
            change = t("intake.unchanged")
        elif o.pending_id:
            change = t("intake.waiting_admin")
        else:
            change = ""
        document = o.document_id or (t("intake.pending", id=o.pending_id) if o.pending_id else "—")
        rows.append(
            {
                t("intake.column_file"): o.name,
                t("intake.column_status"): f"{STATUS_ICONS.get(o.status, '')} "
                f"{_named('intake.result', o.status)}",
                t("intake.column_document"): document,
                t("intake.column_provisions"): o.provisions,
                t("intake.column_new"): change,
                t("intake.column_findings"): "\n".join(notes) or "—",
            }
        )
    return rows


def _named(prefix: str, value: str) -> str:
    """``value`` (a stage, a result) in the interface language where the catalogue names it."""
    key = f"{prefix}.{value}"
    return t(key) if has(key) else value


def _job_badge(view: JobView) -> str:
    """The job's state as a badge. A job done with every file failed is red 失败, not green
    已完成; done with some failed, orange 部分失败 (issue 18)."""
    state = view.state
    if state == "done" and view.results:
        failed = sum(o.status == "FAILED" for o in view.results)
        if failed == len(view.results):
            state = "failed"
        elif failed:
            state = "partial"
    return f":{JOB_BADGES[state]}-badge[{t(f'intake.job.{state}')}]"


@st.fragment(run_every=2)
def _jobs() -> None:
    views = job_runner().jobs(None if user.can(Permission.INGEST_FOLDER) else user.username)
    if not views:
        st.caption(t("intake.none_yet"))
        return
    for view in views[:10]:
        with st.container(border=True):
            state = _job_badge(view)
            st.markdown(
                t(
                    "intake.job_line",
                    state=state,
                    label=md(view.label),
                    owner=md(actor_name(view.owner)),
                    at=format_datetime(view.submitted, seconds=True),
                )
            )
            if view.active:
                share = view.done / view.total if view.total else 0.0
                st.progress(
                    min(share, 1.0),
                    text=t(
                        "intake.stage",
                        stage=_named("intake.stage", view.stage),
                        done=view.done,
                        total=view.total,
                    ),
                )
            if view.error:
                st.error(md(said(view.error)))
            rows = _outcome_rows(view)
            if rows:
                failed = sum(o.status == "FAILED" for o in view.results)
                if failed:
                    st.error(t("intake.files_failed", count=failed))
                st.dataframe(
                    rows,
                    hide_index=True,
                    width="stretch",
                    column_config={
                        t("intake.column_findings"): st.column_config.TextColumn(width="large")
                    },
                )


st.subheader(t("intake.recent"))
_jobs()
