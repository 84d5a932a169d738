"""Ingest page: upload files (reviewers and admins) or ingest a server folder (admins); the work
runs as a background job, so this page and every other user stay responsive. A new version of a
work sent by a reviewer waits here until an admin confirms or rejects it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from index.accounts import Permission, User
from index.library.changes import (
    ACCEPTED_SUFFIXES,
    MAX_UPLOAD_MB,
    FileOutcome,
    Upload,
    confirm_version,
    ingest_folder,
    ingest_uploads,
    pending_versions,
    reject_version,
)
from index.library.jobs import Job, JobView
from index.library.pending import CONFIRM_VERSIONS
from index.store.database import StoreError
from ui.components import md
from ui.data import home, job_runner, require_page

STATUS_ICONS = {"OK": "✅", "PARTIAL": "⚠️", "FAILED": "❌"}

user = require_page(Permission.UPLOAD)
st.title("Ingest")
st.caption(
    f"PDF, DOCX, HTML, TXT or Markdown, up to {MAX_UPLOAD_MB} MB each. Every file gets a "
    "result — OK, PARTIAL or FAILED — with what was found. A file already in the library is "
    "left as it is; a changed one becomes a new version"
    + (
        "."
        if user.can(CONFIRM_VERSIONS)
        else ", which an admin confirms before it comes into force or into search results."
    )
)


def _ingest_job(owner: User, uploads: list[Upload]):
    def work(job: Job) -> None:
        job.progress("ingesting", 0, len(uploads))

        def on_file(outcome: FileOutcome) -> None:
            job.add_result(outcome)
            job.progress("ingesting", len(job.view.results), len(uploads))

        ingest_uploads(home(), owner, uploads, on_file=on_file, progress=job.progress)

    return work


def _folder_job(owner: User, folder: Path):
    def work(job: Job) -> None:
        job.progress("ingesting", 0, 0)
        ingest_folder(
            home(),
            owner,
            folder,
            on_file=lambda outcome: job.add_result(outcome),
            progress=job.progress,
        )

    return work


with st.form("upload", clear_on_submit=True):
    files = st.file_uploader(
        "Files to add", type=list(ACCEPTED_SUFFIXES), accept_multiple_files=True, key="files"
    )
    send = st.form_submit_button("Ingest files", type="primary", icon=":material/upload:")
if send:
    if not files:
        st.warning("Choose at least one file first.")
    else:
        uploads = [Upload(f.name, f.getvalue()) for f in files]
        label = ", ".join(u.name for u in uploads[:3]) + (" …" if len(uploads) > 3 else "")
        job_runner().submit("upload", user.username, label, _ingest_job(user, uploads))
        st.toast(f"Ingesting {len(uploads)} file(s) in the background")


def _confirm_job(owner: User, pending_id: int):
    def work(job: Job) -> None:
        job.progress("ingesting", 0, 1)
        confirm_version(home(), owner, pending_id, on_file=job.add_result, progress=job.progress)

    return work


def _pending() -> None:
    """Versions waiting for an admin: Confirm or Reject for admins, a note for their senders."""
    waiting = pending_versions(home(), user)
    if not waiting:
        return
    st.subheader(f"New versions waiting for an admin ({len(waiting)})")
    admin = user.can(CONFIRM_VERSIONS)
    for p in waiting:
        with st.container(border=True):
            st.markdown(
                f"**{md(p['title'])}** · version {md(p['version_date'] or 'undated')} · "
                f"{p['provisions']} provisions · from {md(p['file_name'])} by "
                f"{p['uploaded_by']} at {p['uploaded_at'][:16].replace('T', ' ')} UTC"
            )
            st.caption(
                f"In force now: {md(p['in_force'] or '—')}. Until confirmed it is neither in force "
                "nor a search result."
            )
            if not admin:
                continue
            yes, no, _ = st.columns([1, 1, 4])
            if yes.button("Confirm", key=f"pv-confirm-{p['id']}", type="primary"):
                job_runner().submit(
                    "confirm",
                    user.username,
                    f"confirm {p['file_name']}",
                    _confirm_job(user, int(p["id"])),
                )
                st.toast(f"Ingesting {md(p['file_name'])} in the background")
            if no.button("Reject", key=f"pv-reject-{p['id']}"):
                try:
                    reject_version(home(), user, int(p["id"]))
                except StoreError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()


_pending()

if user.can(Permission.INGEST_FOLDER):
    with st.expander("Ingest a folder on the server (admins)"):
        with st.form("folder"):
            folder = st.text_input("Folder path on the server", key="folder")
            go = st.form_submit_button("Ingest folder")
        if go and folder.strip():
            path = Path(folder.strip()).expanduser()
            if not path.is_dir():
                st.error(f"No folder {path} on the server.")
            else:
                job_runner().submit("folder", user.username, str(path), _folder_job(user, path))
                st.toast(f"Ingesting {path} in the background")


def _outcome_rows(view: JobView) -> list[dict]:
    rows = []
    for o in view.results:
        notes = [f"{f['code']}: {f['message']}" for f in o.findings if f["severity"] != "info"]
        rows.append(
            {
                "file": o.name,
                "status": f"{STATUS_ICONS.get(o.status, '')} {o.status}",
                "document": o.document_id or (f"pending #{o.pending_id}" if o.pending_id else "—"),
                "provisions": o.provisions,
                "new": "new"
                if o.new
                else "unchanged"
                if o.document_id
                else "waiting for an admin"
                if o.pending_id
                else "",
                "findings": "\n".join(notes) or "—",
            }
        )
    return rows


@st.fragment(run_every=2)
def _jobs() -> None:
    views = job_runner().jobs(None if user.can(Permission.INGEST_FOLDER) else user.username)
    if not views:
        st.caption("No ingest has run since the app started.")
        return
    for view in views[:10]:
        with st.container(border=True):
            state = {
                "queued": ":gray-badge[queued]",
                "running": ":blue-badge[running]",
                "done": ":green-badge[done]",
                "failed": ":red-badge[failed]",
            }[view.state]
            st.markdown(
                f"{state} **{md(view.label)}** · by {md(view.owner)} · {view.submitted[11:19]} UTC"
            )
            if view.active:
                share = view.done / view.total if view.total else 0.0
                st.progress(min(share, 1.0), text=f"{view.stage}: {view.done} of {view.total}")
            if view.error:
                st.error(view.error)
            rows = _outcome_rows(view)
            if rows:
                failed = sum(o.status == "FAILED" for o in view.results)
                if failed:
                    st.error(f"{failed} file(s) failed — see the findings below.")
                st.dataframe(
                    rows,
                    hide_index=True,
                    width="stretch",
                    column_config={"findings": st.column_config.TextColumn(width="large")},
                )


st.subheader("Recent ingests")
_jobs()
