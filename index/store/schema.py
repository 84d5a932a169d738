"""The store's schema: numbered migrations, applied in order by :class:`index.store.database.Store`.

A migration is never edited once released; a change is a new migration at the end.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents and their structure
    """
    CREATE TABLE documents (
        document_id   TEXT PRIMARY KEY,
        work_id       TEXT NOT NULL,
        title         TEXT NOT NULL,
        level         TEXT,
        region        TEXT,
        language      TEXT,
        status        TEXT NOT NULL,
        status_fixed  INTEGER NOT NULL DEFAULT 0,  -- 1 when the catalog set the status
        version_date  TEXT,
        effective     TEXT,
        metadata      TEXT NOT NULL,               -- JSON
        source_path   TEXT NOT NULL,
        sha256        TEXT NOT NULL UNIQUE,
        media_type    TEXT NOT NULL,
        ingest_status TEXT NOT NULL,
        provisions    INTEGER NOT NULL,
        tree          TEXT NOT NULL,               -- JSON of Document.to_dict()
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX documents_work ON documents(work_id, version_date);
    CREATE TABLE sections (
        document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
        section_id  TEXT NOT NULL,
        parent_id   TEXT,
        kind        TEXT NOT NULL,
        number      TEXT NOT NULL,
        title       TEXT NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        PRIMARY KEY (document_id, section_id)
    );
    CREATE TABLE provisions (
        id           INTEGER PRIMARY KEY,          -- numeric id, used by the vector index
        document_id  TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
        provision_id TEXT NOT NULL,                -- structural, stable across versions
        parent_id    TEXT,
        section_id   TEXT,
        kind         TEXT NOT NULL,
        number       TEXT NOT NULL,
        title        TEXT NOT NULL,
        text         TEXT NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        page         INTEGER,
        heading_path TEXT NOT NULL,               -- JSON list
        text_hash    TEXT NOT NULL,
        ord          INTEGER NOT NULL,
        UNIQUE (document_id, provision_id)
    );
    CREATE INDEX provisions_structural ON provisions(provision_id);
    CREATE TABLE ingest_log (
        id          INTEGER PRIMARY KEY,
        path        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        status      TEXT NOT NULL,
        document_id TEXT,
        findings    TEXT NOT NULL,                -- JSON list
        at          TEXT NOT NULL
    );
    CREATE TABLE findings (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
        code        TEXT NOT NULL,
        severity    TEXT NOT NULL,
        message     TEXT NOT NULL,
        provision_id TEXT,
        source      TEXT NOT NULL DEFAULT 'ingest'
    );
    """,
    # 2: the embedding cache, so that derived indexes are rebuilt without re-embedding
    """
    CREATE TABLE embeddings (
        model  TEXT NOT NULL,                   -- embedder name
        key    TEXT NOT NULL,                   -- sha256 of the embedded passage text
        vector BLOB NOT NULL,                   -- float32, unit length
        PRIMARY KEY (model, key)
    ) WITHOUT ROWID;
    -- numeric ids never come back after a delete, so a vector id means one provision forever
    CREATE TABLE provisions_v2 (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id  TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
        provision_id TEXT NOT NULL,
        parent_id    TEXT,
        section_id   TEXT,
        kind         TEXT NOT NULL,
        number       TEXT NOT NULL,
        title        TEXT NOT NULL,
        text         TEXT NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        page         INTEGER,
        heading_path TEXT NOT NULL,
        text_hash    TEXT NOT NULL,
        ord          INTEGER NOT NULL,
        UNIQUE (document_id, provision_id)
    );
    INSERT INTO provisions_v2 SELECT * FROM provisions;
    DROP TABLE provisions;
    ALTER TABLE provisions_v2 RENAME TO provisions;
    CREATE INDEX provisions_structural ON provisions(provision_id);
    CREATE INDEX provisions_document ON provisions(document_id, ord);
    """,
    # 3: BM25 tokens per passage, so adding one document does not re-tokenise the rest
    """
    CREATE TABLE passage_tokens (
        tokenizer TEXT NOT NULL,                -- index.search.tokens.TOKENIZER_VERSION
        key       TEXT NOT NULL,                -- sha256 of the passage text
        tokens    TEXT NOT NULL,                -- space-separated
        PRIMARY KEY (tokenizer, key)
    ) WITHOUT ROWID;
    """,
    # 4: accounts with roles (index/accounts.py), their event log, and who ran each ingest
    """
    CREATE TABLE users (
        username      TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,            -- argon2id, never the password
        role          TEXT NOT NULL CHECK (role IN ('admin','reviewer','department','viewer')),
        department    TEXT,                     -- required for role 'department'
        active        INTEGER NOT NULL DEFAULT 1,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until  TEXT,
        created_at    TEXT NOT NULL,
        last_login    TEXT,
        CHECK (role != 'department' OR department IS NOT NULL)
    );
    CREATE TABLE account_log (
        id       INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,
        actor    TEXT NOT NULL,
        username TEXT NOT NULL,
        event    TEXT NOT NULL,                 -- created, disabled, enabled, password, locked, …
        detail   TEXT NOT NULL DEFAULT ''
    );
    CREATE TRIGGER account_log_no_update BEFORE UPDATE ON account_log
        BEGIN SELECT RAISE(ABORT, 'account_log rows are never changed'); END;
    CREATE TRIGGER account_log_no_delete BEFORE DELETE ON account_log
        BEGIN SELECT RAISE(ABORT, 'account_log rows are never deleted'); END;
    ALTER TABLE ingest_log ADD COLUMN actor TEXT;
    """,
    # 5: the task ledger (index/tasks/ledger.py): plans, tasks, their departments, an append-only
    # hash-chained history, evidence, suggested evidence, and the progress reports sent
    """
    CREATE TABLE plans (
        plan_id     TEXT PRIMARY KEY,
        document_id TEXT REFERENCES documents(document_id) ON DELETE SET NULL,
        title       TEXT NOT NULL,
        plan_date   TEXT,
        source      TEXT NOT NULL CHECK (source IN ('extracted', 'imported')),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL
    );
    CREATE TABLE tasks (
        task_id       TEXT PRIMARY KEY,            -- "<plan id>#<key>", stable across re-extraction
        plan_id       TEXT NOT NULL REFERENCES plans(plan_id) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        label         TEXT NOT NULL DEFAULT '',    -- as printed ("（四）") or the imported id
        provision_id  TEXT,
        start         INTEGER,
        end           INTEGER,
        part          TEXT NOT NULL DEFAULT '',
        text          TEXT NOT NULL,
        action        TEXT NOT NULL DEFAULT '',
        object        TEXT NOT NULL DEFAULT '',
        lead          TEXT NOT NULL DEFAULT '[]',  -- JSON: department names as shown
        cooperating   TEXT NOT NULL DEFAULT '[]',
        unknown       TEXT NOT NULL DEFAULT '[]',  -- bodies named but not in the alias table
        laws          TEXT NOT NULL DEFAULT '[]',
        deadline      TEXT,                        -- ISO date, or NULL when open
        deadline_kind TEXT NOT NULL DEFAULT 'none',
        deadline_text TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL DEFAULT 'not_started'
                      CHECK (status IN ('not_started', 'in_progress', 'completed', 'suspended')),
        progress      INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        note          TEXT NOT NULL DEFAULT '',
        completed_on  TEXT,
        version       INTEGER NOT NULL DEFAULT 1,
        updated_at    TEXT NOT NULL,
        updated_by    TEXT NOT NULL
    );
    CREATE INDEX tasks_plan ON tasks(plan_id, seq);
    CREATE TABLE task_departments (
        task_id    TEXT NOT NULL REFERENCES tasks(task_id) ON DELETE CASCADE,
        department TEXT NOT NULL,                  -- the alias table's id, or the raw name
        role       TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
        PRIMARY KEY (task_id, department, role)
    );
    CREATE INDEX task_departments_department ON task_departments(department);
    CREATE TABLE task_history (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id   TEXT NOT NULL,                   -- no foreign key: history outlives its task
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        field     TEXT NOT NULL,
        old       TEXT,
        new       TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL UNIQUE
    );
    CREATE INDEX task_history_task ON task_history(task_id, id);
    CREATE TRIGGER task_history_no_update BEFORE UPDATE ON task_history
        BEGIN SELECT RAISE(ABORT, 'task history rows are never changed'); END;
    CREATE TRIGGER task_history_no_delete BEFORE DELETE ON task_history
        BEGIN SELECT RAISE(ABORT, 'task history rows are never deleted'); END;
    CREATE TABLE evidence (
        id           INTEGER PRIMARY KEY,
        task_id      TEXT NOT NULL REFERENCES tasks(task_id) ON DELETE CASCADE,
        document_id  TEXT NOT NULL,
        provision_id TEXT,
        note         TEXT NOT NULL DEFAULT '',
        added_by     TEXT NOT NULL,
        added_at     TEXT NOT NULL,
        UNIQUE (task_id, document_id, provision_id)
    );
    CREATE TABLE evidence_suggestions (
        task_id      TEXT NOT NULL REFERENCES tasks(task_id) ON DELETE CASCADE,
        document_id  TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
        provision_id TEXT NOT NULL,
        score        REAL NOT NULL,
        state        TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'confirmed', 'rejected')),
        decided_by   TEXT,
        decided_at   TEXT,
        PRIMARY KEY (task_id, document_id)
    );
    CREATE TABLE task_reports (
        id         INTEGER PRIMARY KEY,
        plan_id    TEXT,
        as_of      TEXT NOT NULL,                  -- the report's date
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    );
    """,
    # 6: consistency review (index/review/stored_texts.py): findings with stable ids, and reviewers'
    # decisions on them, kept across re-runs; the decision log is append-only
    """
    CREATE TABLE review_findings (
        finding_id      TEXT NOT NULL,
        document_id     TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
        against_id      TEXT,
        code            TEXT NOT NULL,
        severity        TEXT NOT NULL,
        message         TEXT NOT NULL,
        fix             TEXT NOT NULL,
        local_provision TEXT,
        upper_provision TEXT,
        data            TEXT NOT NULL,               -- JSON: numbers, texts, marks
        first_seen      TEXT NOT NULL,
        last_seen       TEXT NOT NULL,
        present         INTEGER NOT NULL DEFAULT 1,  -- 0 when the last run no longer found it
        PRIMARY KEY (finding_id, document_id)       -- two versions of a rule share finding ids
    );
    CREATE INDEX review_findings_document ON review_findings(document_id, code);
    CREATE TABLE review_decisions (
        finding_id TEXT PRIMARY KEY,                 -- no foreign key: a decision outlives a re-run
        decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'dismissed')),
        note       TEXT NOT NULL DEFAULT '',
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );
    CREATE TABLE review_decision_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        finding_id TEXT NOT NULL,
        decision   TEXT NOT NULL,
        note       TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );
    CREATE TRIGGER review_decision_log_no_update BEFORE UPDATE ON review_decision_log
        BEGIN SELECT RAISE(ABORT, 'review decisions are never changed, only superseded'); END;
    CREATE TRIGGER review_decision_log_no_delete BEFORE DELETE ON review_decision_log
        BEGIN SELECT RAISE(ABORT, 'review decisions are never deleted'); END;
    """,
    # 7: bodies as the plan names them (issue 15): one row per lead or co-operating body, with
    # the key that says which body it is (jurisdiction and name), for department accounts
    """
    CREATE TABLE task_bodies (
        task_id      TEXT NOT NULL REFERENCES tasks(task_id) ON DELETE CASCADE,
        body_key     TEXT NOT NULL,                -- nlp.bodies.gazetteer.Body.key
        name         TEXT NOT NULL,                -- as the plan writes it
        full_name    TEXT NOT NULL,
        kind         TEXT NOT NULL DEFAULT '',
        level        TEXT NOT NULL DEFAULT '',
        jurisdiction TEXT NOT NULL DEFAULT '',
        role         TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
        PRIMARY KEY (task_id, body_key, role)
    );
    CREATE INDEX task_bodies_key ON task_bodies(body_key);
    """,
    # 8: evidence files are the task's attachments, never library documents (issue 17), and a
    # new version of a work sent by a non-admin waits for an admin before it can come into force
    """
    CREATE TABLE task_attachments (
        id          INTEGER PRIMARY KEY,
        task_id     TEXT NOT NULL,                 -- no foreign key: like the history, it stays
        file_name   TEXT NOT NULL,                 -- the name as uploaded (its last part)
        stored_name TEXT NOT NULL,                 -- attachments/<task id hash>/<sha256>
        sha256      TEXT NOT NULL,
        size        INTEGER NOT NULL,
        media_type  TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        UNIQUE (task_id, sha256)
    );
    CREATE TABLE pending_versions (
        id           INTEGER PRIMARY KEY,
        work_id      TEXT NOT NULL,
        title        TEXT NOT NULL,
        version_date TEXT,
        file_name    TEXT NOT NULL,                -- as uploaded
        path         TEXT NOT NULL,                -- the saved upload, ingested on confirmation
        sha256       TEXT NOT NULL,
        provisions   INTEGER NOT NULL,
        uploaded_by  TEXT NOT NULL,
        uploaded_at  TEXT NOT NULL,
        state        TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'confirmed', 'rejected')),
        decided_by   TEXT,
        decided_at   TEXT,
        document_id  TEXT                          -- the version stored when confirmed
    );
    CREATE UNIQUE INDEX pending_versions_open ON pending_versions(sha256) WHERE state='pending';
    """,
    # 9: each account's interface language (issue 18), kept in the store so that it survives
    # signing out; NULL means the default, Chinese
    """
    ALTER TABLE users ADD COLUMN language TEXT;
    """,
    # 10: several app servers on one store (issue 20): the index generations published (each
    # server rebuilds its local FAISS/BM25 from the caches when a newer one appears), and
    # background jobs as rows that any server claims once (index/bulk/queue.py)
    """
    CREATE TABLE index_generations (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        embedder    TEXT NOT NULL,
        store_state TEXT NOT NULL,                -- Store.unit_state() when it was built
        fingerprint TEXT NOT NULL,                -- of the unit ids and passage keys
        units       INTEGER NOT NULL,
        dense_units INTEGER NOT NULL,             -- units with a vector (fewer: dense later)
        built_at    TEXT NOT NULL,
        built_by    TEXT NOT NULL                 -- host:pid
    );
    CREATE TABLE jobs (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        kind         TEXT NOT NULL,
        owner        TEXT NOT NULL,
        label        TEXT NOT NULL,
        payload      TEXT NOT NULL,               -- JSON, the handler's arguments
        state        TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'running', 'done', 'failed')),
        stage        TEXT NOT NULL DEFAULT 'waiting',
        done         INTEGER NOT NULL DEFAULT 0,
        total        INTEGER NOT NULL DEFAULT 0,
        attempts     INTEGER NOT NULL DEFAULT 0,
        claimed_by   TEXT,                        -- host:pid of the server running it
        heartbeat_at TEXT,                        -- a running job not beaten for long is free
        results      TEXT NOT NULL DEFAULT '[]',  -- JSON list
        error        TEXT,
        submitted_at TEXT NOT NULL,
        finished_at  TEXT
    );
    CREATE INDEX jobs_state ON jobs(state, id);
    """,
    # 11: edited quiz items of a study pack (issue 18), under the id a link carries, so that a
    # reload, a shared link or another app server on the same store shows the same edits
    """
    CREATE TABLE study_edits (
        edits_id TEXT PRIMARY KEY,                -- a hash of the record: a link never changes
        record   TEXT NOT NULL,                   -- JSON: item position -> article and item
        saved_at TEXT NOT NULL
    );
    """,
    # 12: files kept in the store itself (issue 20), by their SHA-256: uploads waiting for their
    # ingest job and tasks' attachments, so that any app server on a shared store reads the bytes
    # another server received (index/store/stored_files.py). Not WITHOUT ROWID: SQLite keeps large
    # rows best in an ordinary table. Bytes never change under their hash.
    """
    CREATE TABLE stored_files (
        sha256     TEXT PRIMARY KEY,            -- of data, in hex
        size       INTEGER NOT NULL,            -- bytes
        data       BLOB NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL                -- the user who sent it first
    );
    CREATE TRIGGER stored_files_no_update BEFORE UPDATE ON stored_files
        BEGIN SELECT RAISE(ABORT, 'stored files are never changed'); END;
    """,
)
