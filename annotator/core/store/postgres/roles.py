"""Who may write what on a shared server: annotators their own layer, reviewers gold and returns,
managers everything (they assign, import and merge packages).

**Groups per project.** Each project database has three group roles of its own, named after it
(``policy_ner_annotators``, ``policy_ner_reviewers``, ``policy_ner_managers``: ``group_name``,
and the same in the row check): a reviewer of one
project is nobody in another database on the same server. Only these groups (and the owner)
may connect; nobody else has ``TEMPORARY`` there, so no login can shadow a name with a
temporary table or view, nor create anything in schema ``public``.

**Logins.** Each person logs in as a role of their own, a member of one group; its name is their
layer, so it must be a layer name that every tool can carry (``login_problem``). Table rights
come from ``GRANT``s (no rights on the id sequences: identity columns need none, and ``setval``
stays the owner's); which rows a person may write is checked by a trigger on every annotation
table (``annotator_check_layer``), keyed on ``current_user``. A trigger rather than row-level
security policies: a policy silently filters the rows an UPDATE or DELETE may touch (the edit
does nothing and says nothing), where the trigger refuses with a message that names the user
and the layer. The database owner and superusers pass every check (a server without roles is a
single team with one login).

**Before groups per project** (annotator before the server step ``s01``) three cluster-wide groups
(``LEGACY_GROUPS``) held the rights in every project database; the step revokes all of theirs
in each database it upgrades, and ``annotator server-roles`` names the logins again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from annotator.core.content_rules import layer_problem
from annotator.core.records import GOLD

KINDS = ("annotators", "reviewers", "managers")
ANNOTATORS, REVIEWERS, MANAGERS = KINDS
LEGACY_GROUPS = ("annotator_annotator", "annotator_reviewer", "annotator_manager")
MAX_ROLE_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: a longer name is cut short, silently
# Role names PostgreSQL refuses or treats as keywords in GRANT and ALTER ROLE.
RESERVED_ROLES = {"public", "none", "all", "current_user", "session_user", "current_role", "user"}
# Letters of any script, digits, _ . - @ (e-mail addresses): names that libpq's user=, ~/.pgpass, a
# shell and a file name carry without quoting. No $, quotes, spaces, commas, colons or slashes.
_LOGIN = re.compile(r"[^\W_][\w.@-]*")

# Tables everybody reads; the writes each group's members may make (rows checked by the trigger).
READ = ("documents", "documents_fts", "spans", "span_tombstones", "statuses", "rejections", "document_notes",
        "assignments", "active_time", "project_meta", "annotator_migrations", "labelled_strings", "issued_packages")
LAYER_TABLES = ("spans", "span_tombstones", "statuses", "rejections", "document_notes", "active_time")
MANAGED_TABLES = ("documents", "assignments", "project_meta", "issued_packages")
CHANGES_SEQUENCE = "annotator_changes"  # nextval by every write's trigger: USAGE, never UPDATE (setval)

PINNED = "SET search_path = pg_catalog, public, pg_temp"  # every function: pg_temp last, explicitly

# The row check: the layer a row belongs to, and who may write it. Every name is qualified and the
# search path pinned: a temporary view named pg_roles must not make anyone a superuser.
CHECK_FUNCTION = rf"""
DROP FUNCTION IF EXISTS public.annotator_may_write(text[], text, text);  -- before s01: a helper of its own

CREATE OR REPLACE FUNCTION public.annotator_check_layer() RETURNS trigger LANGUAGE plpgsql
{PINNED} AS $$
DECLARE
    row_layer text;
    old_layer text;
    kinds text[];
    layer text;
    allowed boolean;
BEGIN
    -- The owner (and a superuser) pass: a server without roles is one team with one login.
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
            OR pg_catalog.pg_has_role(current_user, (SELECT d.datdba FROM pg_catalog.pg_database d
                                                      WHERE d.datname = pg_catalog.current_database()), 'member') THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    -- This project's groups current_user is in (named as group_name names them).
    SELECT COALESCE(pg_catalog.array_agg(k.kind), '{{}}') INTO kinds
        FROM pg_catalog.unnest(ARRAY['{ANNOTATORS}', '{REVIEWERS}', '{MANAGERS}']) AS k(kind)
        JOIN pg_catalog.pg_roles r ON r.rolname = pg_catalog.current_database() || '_' || k.kind
        WHERE pg_catalog.pg_has_role(current_user, r.oid, 'member');
    IF '{MANAGERS}' = ANY(kinds) THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_TABLE_NAME IN ('rejections', 'document_notes') THEN
        IF TG_OP <> 'INSERT' THEN old_layer := OLD.layer; END IF;
        IF TG_OP <> 'DELETE' THEN row_layer := NEW.layer; END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN old_layer := OLD.annotator; END IF;
        IF TG_OP <> 'DELETE' THEN row_layer := NEW.annotator; END IF;
    END IF;
    allowed := true;
    FOREACH layer IN ARRAY ARRAY[row_layer, old_layer] LOOP
        CONTINUE WHEN layer IS NULL;
        allowed := allowed AND CASE
            WHEN layer = current_user AND TG_TABLE_NAME <> 'active_time' THEN
                '{ANNOTATORS}' = ANY(kinds) OR '{REVIEWERS}' = ANY(kinds)
            WHEN TG_TABLE_NAME = 'active_time' THEN layer = current_user
            WHEN layer = '{GOLD}' THEN '{REVIEWERS}' = ANY(kinds)
            WHEN TG_TABLE_NAME = 'statuses' THEN '{REVIEWERS}' = ANY(kinds)  -- returns: 반려
            ELSE false
        END;
    END LOOP;
    IF allowed THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF kinds = '{{}}' THEN
        RAISE EXCEPTION '% may not change the layer %: % is in none of this project''s groups (%_{ANNOTATORS}, '
            '%_{REVIEWERS}, %_{MANAGERS}); the database owner adds logins with  annotator server-roles', current_user,
            COALESCE(old_layer, row_layer), current_user, pg_catalog.current_database(),
            pg_catalog.current_database(), pg_catalog.current_database()
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION '% may not change the layer % (%: annotators write their own layer, reviewers gold and returns)',
        current_user, COALESCE(old_layer, row_layer), TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
"""

# Before groups per project: whatever the cluster-wide groups were given here is taken back
# (the owner gave it, so the owner may); their members get rights again through server-roles.
REVOKE_LEGACY_GROUPS = rf"""
DO $$
DECLARE
    legacy text;
BEGIN
    FOREACH legacy IN ARRAY ARRAY['{"', '".join(LEGACY_GROUPS)}'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = legacy) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', legacy);
            EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', legacy);
            EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA public FROM %I', legacy);
            EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM %I', pg_catalog.current_database(), legacy);
        END IF;
    END LOOP;
END $$;
"""


def check_triggers() -> str:
    return "\n".join(f"CREATE TRIGGER {table}_check_layer BEFORE INSERT OR UPDATE OR DELETE ON {table}"
                     " FOR EACH ROW EXECUTE FUNCTION annotator_check_layer();" for table in LAYER_TABLES)


def group_name(database: str, kind: str) -> str:
    """The project's group of ``kind`` (as the row check names it, in annotator_check_layer)."""
    return f"{database}_{kind}"


def login_problem(name: str) -> str | None:
    """Why ``name`` cannot be a login (and so a layer) on a server, or None. A layer name
    (``content_rules.layer_problem``), not gold in any case, made of characters every tool
    carries, and short enough that PostgreSQL keeps it whole."""
    problem = layer_problem(name)
    if problem:
        return problem
    if name.casefold() == GOLD.casefold():
        return f"{name!r} is the {GOLD} layer's name: reviewers write {GOLD} (--reviewers), nobody logs in as it"
    if not _LOGIN.fullmatch(name) or unicodedata.normalize("NFC", name) != name:
        return (f"{name!r}: a login name is a layer name of letters, digits and _ . - @, starting with a letter "
                "or digit (no spaces, quotes, $ or other signs)")
    if len(name.encode("utf-8")) > MAX_ROLE_BYTES:
        return f"{name!r} is over {MAX_ROLE_BYTES} bytes in UTF-8, which PostgreSQL would cut short"
    if name.lower() in RESERVED_ROLES or name.lower().startswith("pg_"):
        return f"{name!r} is reserved by PostgreSQL (public, none, current_user, names starting pg_)"
    return None


@dataclass
class RolesPlan:
    """What ``server-roles`` will do in one database: the logins per kind (checked), the groups."""
    database: str
    logins: dict[str, list[str]]  # kind -> names
    groups: dict[str, str] = field(init=False)

    def __post_init__(self):
        self.groups = {kind: group_name(self.database, kind) for kind in KINDS}

    def named(self) -> list[tuple[str, str]]:
        return [(kind, name) for kind in KINDS for name in self.logins.get(kind, ())]


def plan_roles(database: str, existing: dict[str, bool], annotators: Iterable[str] = (),
               reviewers: Iterable[str] = (), managers: Iterable[str] = ()) -> RolesPlan:
    """Check every name before anything is run; ``existing``: the server's roles (name -> can log in).
    A ``ValueError`` says what is wrong with the first bad name."""
    plan = RolesPlan(database, {ANNOTATORS: list(annotators), REVIEWERS: list(reviewers), MANAGERS: list(managers)})
    for kind, group in plan.groups.items():
        if len(group.encode("utf-8")) > MAX_ROLE_BYTES:
            raise ValueError(f"the database name {database!r} is too long to name its groups after it ({group!r} is "
                             f"over {MAX_ROLE_BYTES} bytes); rename the database (ALTER DATABASE … RENAME TO …)")
        if existing.get(group):
            raise ValueError(f"{group!r} is a login; the project's {kind} group needs that name: rename the login")
    existing_by_case = {name.lower(): name for name in existing}
    seen: dict[str, str] = {}
    groups = set(plan.groups.values())
    for _, name in plan.named():
        problem = login_problem(name)
        if problem:
            raise ValueError(problem)
        if name in groups:
            raise ValueError(f"{name!r} is one of the project's groups, not a login")
        if name.lower() in seen:
            raise ValueError(f"{seen[name.lower()]!r} and {name!r} are named together: a login is in one group, "
                             "and names differing only in case are one layer to a person")
        seen[name.lower()] = name
        other = existing_by_case.get(name.lower())
        if other is not None and other != name:
            raise ValueError(f"{name!r}: the server has a login {other!r} already; names differing only in case "
                             f"are one layer to a person (did you mean {other!r}?)")
        if name in existing and not existing[name]:
            raise ValueError(f"{name!r} is a group role on this server, not a login")
    return plan


@dataclass
class RolesReport:
    """What ``server-roles`` did: the plan, the SQL run, what the owner should know."""
    plan: RolesPlan
    statements: list[str]
    warnings: list[str] = field(default_factory=list)
    legacy: dict[str, list[str]] = field(default_factory=dict)  # cluster-wide group of old -> its members


def roles_statements(plan: RolesPlan, existing: dict[str, bool]) -> list:
    """The statements (``psycopg.sql.Composed``, every name quoted as an identifier) that create the
    project's groups where missing, give them their rights on this database and nothing on others'
    schema objects, and make each named login a member of its group only (creating it without a
    password)."""
    from psycopg import sql

    groups = {kind: sql.Identifier(name) for kind, name in plan.groups.items()}
    database = sql.Identifier(plan.database)
    every = sql.SQL(", ").join(groups.values())

    def tables(names):
        return sql.SQL(", ").join(sql.Identifier("public", name) for name in names)

    statements = [sql.SQL("CREATE ROLE {} NOLOGIN").format(groups[kind])
                  for kind, name in plan.groups.items() if name not in existing]
    statements += [
        sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database),  # CONNECT and TEMPORARY
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, every),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(every),
        sql.SQL("GRANT SELECT ON {} TO {}").format(tables(READ), every),
        sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(sql.Identifier("public", CHANGES_SEQUENCE), every),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(tables(LAYER_TABLES), every),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(tables(MANAGED_TABLES), groups[MANAGERS]),
    ]
    for kind, name in plan.named():
        login = sql.Identifier(name)
        if name not in existing:
            statements.append(sql.SQL("CREATE ROLE {} LOGIN").format(login))
        statements.append(sql.SQL("GRANT {} TO {}").format(groups[kind], login))
        others = [groups[other] for other in KINDS if other != kind and plan.groups[other] in existing]
        if others:  # named again in another group: moved, not in both
            statements.append(sql.SQL("REVOKE {} FROM {}").format(sql.SQL(", ").join(others), login))
    return statements
