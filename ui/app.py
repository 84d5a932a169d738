"""The PolicyLens app (`streamlit run ui/app.py`, or `policylens app`): sign-in, then the pages a
user's role allows. Page layout only; every page calls the knowledge base in ``index``.

Every run first sets the interface language (the account's, see :mod:`ui.language`), so that
every page renders in it. Nothing is fetched from outside: the tab icon is ``ui/assets/icon.png``,
served by the app itself, and the navigation's icons come from the font Streamlit ships. On a
narrow screen the sidebar starts collapsed, and closes again once a page is chosen in it; in
Chinese, Streamlit's own words are Chinese too (both by :func:`ui.language.run_page_script`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from index.accounts import Permission
from ui.components import md
from ui.data import current_user, role_name
from ui.i18n import t
from ui.language import apply_language, language_switch, run_page_script
from ui.login import render_login
from ui.session import note_page, sign_in_pages, write_cookie

ICON = Path(__file__).parent / "assets" / "icon.png"

st.set_page_config(
    page_title="PolicyLens", page_icon=str(ICON), layout="wide", initial_sidebar_state="auto"
)

user = current_user()
apply_language(user)
if user is None:
    page = st.navigation(sign_in_pages(render_login), position="hidden")
else:
    library = [
        st.Page("views/home.py", title=t("nav.home"), icon=":material/home:", default=True),
        st.Page("views/search.py", title=t("nav.search"), icon=":material/search:"),
        st.Page("views/documents.py", title=t("nav.documents"), icon=":material/description:"),
    ]
    work = [st.Page("views/tasks.py", title=t("nav.tasks"), icon=":material/checklist:")]
    work.append(st.Page("views/study.py", title=t("nav.study"), icon=":material/school:"))
    if user.can(Permission.REVIEW):
        work.append(st.Page("views/review.py", title=t("nav.review"), icon=":material/fact_check:"))
    manage = []
    if user.can(Permission.UPLOAD):
        manage.append(
            st.Page("views/ingest.py", title=t("nav.ingest"), icon=":material/upload_file:")
        )
    if user.can(Permission.MANAGE_USERS):
        manage.append(st.Page("views/users.py", title=t("nav.users"), icon=":material/group:"))
    manage.append(st.Page("views/account.py", title=t("nav.account"), icon=":material/person:"))
    page = st.navigation(
        {
            t("section.library"): library,
            t("section.work"): work,
            t("section.account"): manage,
        }
    )
    with st.sidebar:
        role = role_name(user.role)
        if user.department:
            st.caption(
                t(
                    "shell.signed_in_department",
                    name=md(user.username),
                    role=role,
                    department=md(user.department),
                )
            )
        else:
            st.caption(t("shell.signed_in", name=md(user.username), role=role))
        language_switch(user)
write_cookie()
run_page_script()
note_page(page)
page.run()
