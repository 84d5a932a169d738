"""Ingest page: upload files (reviewers and admins) or ingest a server folder (admins); the work
runs as a background job, so this page and every other user stay responsive."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from index.accounts import Permission, User
from index.library.changes import (
    ACCEPTED_SUFFIXES,
    MAX_UPLOAD_MB,
    FileOutcome,
    Upload,
    ingest_folder,
    ingest_uploads,
)
from index.library.jobs import Job, JobView
from ui.data import home, job_runner, require_page

STATUS_ICONS = {"OK": "✅", "PARTIAL": "⚠️", "FAILED": "❌"}

user = require_page(Permission.UPLOAD)
st.title("Ingest")
st.caption(
    f"PDF, DOCX, HTML, TXT or Markdown, up to {MAX_UPLOAD_MB} MB each. Every file gets a "
    "result — OK, PARTIAL or FAILED — with what was found. A file already in the library is "
    "left as it is; a changed one becomes a new version."
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
                "document": o.document_id or "—",
                "provisions": o.provisions,
                "new": "new" if o.new else "unchanged" if o.document_id else "",
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
            st.markdown(f"{state} **{view.label}** · by {view.owner} · {view.submitted[11:19]} UTC")
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
