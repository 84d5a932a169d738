"""The PolicyLens app (`streamlit run ui/app.py`, or `policylens app`): sign-in, then the pages a
user's role allows. Page layout only; every page calls the knowledge base in ``index``.

Every run first sets the interface language (the account's, see :mod:`ui.language`), so that
every page renders in it. Nothing is fetched from outside: the tab icon is ``ui/assets/icon.png``,
served by the app itself, and the navigation's icons come from the font Streamlit ships. On a
narrow screen the sidebar starts collapsed, and closes again once a page is chosen in it; in
Chinese, Streamlit's own words are Chinese too (both by :func:`ui.language.run_page_script`).
A page a role may not use is left out of the menu but kept at its address, where it says so.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from index.accounts import Permission, User
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


def role_page(user: User, permission: Permission, path: str, title: str, icon: str) -> st.Page:
    """The page at ``path``, in the menu when ``user`` has ``permission``; otherwise kept out of
    the menu but still at its address, where the page itself says that the user's role may
    not open it (a link or a typed address then meets that, not "page not found")."""
    allowed = user.can(permission)
    return st.Page(path, title=t(title), icon=icon, visibility="visible" if allowed else "hidden")


user = current_user()
apply_language(user)
if user is None:
    page = st.navigation(sign_in_pages(render_login), position="hidden")
else:
    library = [
        st.Page("views/home.py", title=t("nav.home"), icon=":material/home:", default=True),
        st.Page("views/search.py", title=t("nav.search"), icon=":material/search:"),
        st.Page("views/documents.py", title=t("nav.documents"), icon=":material/description:"),
        # adding texts to the library is library work, not a matter of one's account
        role_page(
            user, Permission.UPLOAD, "views/ingest.py", "nav.ingest", ":material/upload_file:"
        ),
    ]
    work = [st.Page("views/tasks.py", title=t("nav.tasks"), icon=":material/checklist:")]
    work.append(st.Page("views/study.py", title=t("nav.study"), icon=":material/school:"))
    work.append(
        role_page(user, Permission.REVIEW, "views/review.py", "nav.review", ":material/fact_check:")
    )
    manage = [
        role_page(user, Permission.MANAGE_USERS, "views/users.py", "nav.users", ":material/group:")
    ]
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
# the browser tab names the page ("检索 · PolicyLens"), not only the app
st.set_page_config(page_title=t("shell.tab_title", page=page.title))
write_cookie()
run_page_script()
note_page(page)
page.run()
