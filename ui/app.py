"""The PolicyLens app (`streamlit run ui/app.py`, or `policylens app`): sign-in, then the pages a
user's role allows. Page layout only; every page calls the knowledge base in ``index``."""

from __future__ import annotations

import streamlit as st

from index.accounts import Permission
from ui.components import md
from ui.data import current_user
from ui.login import render_login

st.set_page_config(page_title="PolicyLens", page_icon=":material/policy:", layout="wide")

user = current_user()
if user is None:
    page = st.navigation([st.Page(render_login, title="Sign in", icon=":material/login:")])
else:
    library = [
        st.Page("views/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("views/search.py", title="Search", icon=":material/search:"),
        st.Page("views/documents.py", title="Documents", icon=":material/description:"),
    ]
    work = [st.Page("views/tasks.py", title="Tasks", icon=":material/checklist:")]
    work.append(st.Page("views/study.py", title="Study", icon=":material/school:"))
    if user.can(Permission.REVIEW):
        work.append(st.Page("views/review.py", title="Review", icon=":material/fact_check:"))
    manage = []
    if user.can(Permission.UPLOAD):
        manage.append(st.Page("views/ingest.py", title="Ingest", icon=":material/upload_file:"))
    if user.can(Permission.MANAGE_USERS):
        manage.append(st.Page("views/users.py", title="Users", icon=":material/group:"))
    manage.append(st.Page("views/account.py", title="My account", icon=":material/person:"))
    # Review and Study join the "Work" section.
    page = st.navigation({"Library": library, "Work": work, "Account": manage})
    with st.sidebar:
        where = f" · {md(user.department)}" if user.department else ""
        st.caption(f"Signed in as **{md(user.username)}** ({user.role}{where})")
page.run()
