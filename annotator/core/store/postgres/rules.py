"""What a shared server refuses to store: the content rules of an import and a merge's copy check
(``content_rules``, ``team.copy_check``), enforced by the database for every login.

An annotator's login can write her own layer with psql, so the server cannot trust the workbench
to have checked a row: junk there (offsets past the text, attributes that are not JSON, NaN
seconds, a status from nowhere, a year-9999 time) would crash an export or a package later.

Each rule (``RULES``) has a name, which a refusal carries as its constraint name (``reason`` gives
its words), and a condition generated from the Python rules' own limits. Simple conditions are
``CHECK`` constraints. Those that match a pattern, parse JSON, or read another table (layer
names, times, attributes, the end of a span within its document's text) run in one ``BEFORE``
trigger, ``annotator_check_content``: PostgreSQL prepares every CHECK afresh for each statement,
and these cost twice as much there (``benchmarks/server_rules.py``). A time may be at most a day
ahead of the server's clock, as a copy check allows for clock skew.

``tests/core/test_postgres_schema.py`` checks that the server and the Python rules agree value
by value. Deliberately stricter here: integers beyond a float's range in attributes. Not here: a
document's ``meta`` (only managers write documents, earlier versions stored NaN there, and every
reader of it copes). On a database that holds junk already (written before these rules), a
constraint is added ``NOT VALID`` and the trigger sees only new rows: new junk is refused, old
rows are left be.
"""

from __future__ import annotations

from annotator.core.content_rules import MAX_DOCUMENT_CHARS, MAX_JSON_DEPTH, MAX_LAYER_NAME
from annotator.core.store.postgres.roles import PINNED
from annotator.core.records import GOLD, STATUSES
from annotator.core.review.merged_view import ADJUDICATED
from annotator.core.team.merge.copy_check import MAX_RAW_CHARS, SECONDS_A_DAY

CLOCK_SKEW = "1 day"  # a time further ahead of the server's clock is refused
_CONTROL = r"\x01-\x1f\x7f-\x9f"  # as content_rules._CONTROL (text on a server cannot hold \x00)
# Python's str.strip() removes these besides control characters: a layer name may not start or end with one.
_SPACE = "".join(f"\\u{ord(c):04x}" for c in map(chr, range(0x10000))
                 if c.isspace() and not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F))
# What datetime.fromisoformat reads in ISO 8601's extended format (annotator writes
# 2024-05-01T09:30:00.123456+00:00): one pattern with the days of each month and 29 February of
# leap years, as one regular expression is cheaper to check than any arithmetic.
_YEAR = "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_DATE = (f"({_YEAR}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
         f"|02-(0[1-9]|1[0-9]|2[0-8]))|{_LEAP_YEAR}-02-29)")
_TIME = (f"^{_DATE}"
         r"([T ]([01][0-9]|2[0-3])(:[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?)?$")
_MAX_FLOAT = "1.7976931348623157e308"

FUNCTIONS = rf"""
-- Strict JSON of an object, as content_rules.json_object_problem: no NaN or Infinity (PostgreSQL's
-- parser refuses them), no lone surrogates, at most {MAX_JSON_DEPTH} levels, numbers a float holds.
-- \u0000, which Python reads and jsonb cannot hold, is replaced for the check only.
CREATE OR REPLACE FUNCTION public.annotator_is_json_object(value text) RETURNS boolean LANGUAGE plpgsql
IMMUTABLE {PINNED} AS $$
DECLARE
    parsed jsonb;
BEGIN
    IF value = '{{}}' THEN
        RETURN true;
    END IF;
    BEGIN
        parsed := pg_catalog.replace(value, '\u0000', '\u0020')::jsonb;
    EXCEPTION WHEN others THEN
        RETURN false;
    END;
    RETURN pg_catalog.jsonb_typeof(parsed) = 'object'
        AND NOT pg_catalog.jsonb_path_exists(parsed, 'strict $.**{{{MAX_JSON_DEPTH}}}')
        AND NOT pg_catalog.jsonb_path_exists(parsed, 'strict $.** ? (@.type() == "number" && '
                                                     '(@ > {_MAX_FLOAT} || @ < -{_MAX_FLOAT}))');
END $$;

-- The rules a CHECK would prepare afresh for each statement (see the module's docstring).
CREATE OR REPLACE FUNCTION public.annotator_check_content() RETURNS trigger LANGUAGE plpgsql
{PINNED} AS $$
DECLARE
    text_length integer;
BEGIN
    CASE TG_TABLE_NAME
{{branches}}
    END CASE;
    IF TG_TABLE_NAME IN ('spans', 'span_tombstones', 'rejections') THEN
        SELECT d.length INTO text_length FROM public.documents d WHERE d.id = NEW.doc_id;
        IF NEW."end" > text_length THEN
            RAISE EXCEPTION 'span [%, %) ends past the end of the text (% characters)', NEW.start, NEW."end",
                text_length USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME,
                CONSTRAINT = TG_TABLE_NAME || '_in_text';
        END IF;
    END IF;
    RETURN NEW;
END $$;
"""

# Time columns: (table, column, may be empty).
TIMES = (("spans", "created_at", False), ("spans", "updated_at", False), ("span_tombstones", "deleted_at", False),
         ("statuses", "updated_at", False), ("statuses", "returned_at", True), ("rejections", "created_at", False),
         ("rejections", "updated_at", True), ("document_notes", "updated_at", False),
         ("assignments", "updated_at", False), ("active_time", "updated_at", False))
LAYERS = (("spans", "annotator"), ("span_tombstones", "annotator"), ("statuses", "annotator"),
          ("rejections", "layer"), ("document_notes", "layer"), ("assignments", "annotator"),
          ("active_time", "annotator"))


def layer_condition(column: str) -> str:
    """``column`` holds a layer name (content_rules.layer_problem): 1 to MAX_LAYER_NAME characters,
    no control characters, no spaces at its ends."""
    return (f"(pg_catalog.char_length({column}) BETWEEN 1 AND {MAX_LAYER_NAME}"
            f" AND {column} ~ '^[^{_CONTROL}{_SPACE}]([^{_CONTROL}]*[^{_CONTROL}{_SPACE}])?$')")


def time_condition(column: str) -> str:
    """``column`` holds a time ``datetime.fromisoformat`` reads (``_TIME``)."""
    return f"{column} ~ '{_TIME}'"


def ahead_condition(column: str) -> str:
    """``column`` (a time) is at most CLOCK_SKEW ahead of the server's clock. Compared as text, as ISO
    times sort (an offset other than UTC shifts it by hours, within the day allowed). Not immutable,
    as a CHECK should be, but it only ever turns from false to true: a row it let in stays valid."""
    return (f"{column} COLLATE \"C\" <= pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC' + interval "
            f"'{CLOCK_SKEW}', 'YYYY-MM-DD\"T\"HH24:MI:SS')")


def json_condition(column: str) -> str:
    return f"({column} = '{{}}' OR public.annotator_is_json_object({column}))"  # most spans have no attributes


def _quoted(values) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _rules() -> dict[str, tuple[str, bool, str, str]]:
    """Constraint name -> (table, in the trigger (else a CHECK), condition with ``{row}`` before each
    column, the reason a refusal gives)."""
    rules: dict[str, tuple[str, bool, str, str]] = {}
    for table, column in LAYERS:
        rules[f"{table}_{column}_layer"] = (
            table, True, layer_condition("{row}" + column),
            f"{column} must be a layer name of 1 to {MAX_LAYER_NAME} characters without control characters or "
            "spaces at its ends")
    for table, column, optional in TIMES:
        stamp = "{row}" + column
        condition = f"({time_condition(stamp)} AND {ahead_condition(stamp)})"
        rules[f"{table}_{column}_time"] = (table, True, f"({stamp} = '' OR {condition})" if optional else condition,
                                           f"{column} must be a time (ISO 8601, as 2024-05-01T09:30:00+00:00) at "
                                           f"most {CLOCK_SKEW} ahead of the server's clock")
    rules["spans_attrs_json"] = ("spans", True, json_condition("{row}attrs"),
                                 "attrs must be strict JSON of an object (no NaN or Infinity, at most "
                                 f"{MAX_JSON_DEPTH} levels)")
    for table in CONTENT_TABLES:
        given = " AND uid <> '' AND rev <> ''" if table != "rejections" else ""
        rules[f"{table}_span"] = (table, False, f'start >= 0 AND "end" > start AND pg_catalog.char_length(label) '
                                                f"BETWEEN 1 AND {MAX_LAYER_NAME}{given}",
                                  "a span starts at 0 or later, is not empty, and has a label of 1 to "
                                  f"{MAX_LAYER_NAME} characters" + (", a uid and a revision" if given else ""))
    rules["documents_text_size"] = ("documents", False, "length = pg_catalog.char_length(text) AND length BETWEEN 1 "
                                    f"AND {MAX_DOCUMENT_CHARS} AND pg_catalog.char_length(title) <= "
                                    f"{MAX_DOCUMENT_CHARS} AND COALESCE(pg_catalog.char_length(raw), 0) <= "
                                    f"{MAX_RAW_CHARS}",
                                    f"a text of 1 to {MAX_DOCUMENT_CHARS:,} characters, and its length beside it")
    rules["statuses_status"] = ("statuses", False, f"status IN ({_quoted(STATUSES)}) OR (annotator = '{GOLD}' AND "
                                f"status = '{ADJUDICATED}')",
                                f"a status is one of {', '.join(STATUSES)} ({ADJUDICATED} for {GOLD} only)")
    for table, column in (("rejections", "rejected"), ("assignments", "calibration"), ("assignments", "withdrawn")):
        rules[f"{table}_{column}_flag"] = (table, False, f"{column} IN (0, 1)", f"{column} is 0 or 1")
    rules["active_time_day"] = ("active_time", False, r"day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND seconds >= 0 AND "
                                f"seconds <= {SECONDS_A_DAY}",
                                f"day is a date (YYYY-MM-DD) and seconds a number from 0 to {SECONDS_A_DAY} (not NaN)")
    return rules


CONTENT_TABLES = ("spans", "span_tombstones", "rejections")  # their rows are spans: offsets within the text
RULES = _rules()
CHECKED_TABLES = tuple(dict.fromkeys(table for table, in_trigger, _, _ in RULES.values() if in_trigger))


def functions() -> str:
    branches = []
    for table in CHECKED_TABLES:
        branches.append(f"    WHEN '{table}' THEN")
        for name, (t, in_trigger, condition, why) in RULES.items():
            if t == table and in_trigger:
                message = why.replace("'", "''")
                branches.append(f"        IF NOT {condition.replace('{row}', 'NEW.')} THEN\n"
                                f"            RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation', "
                                f"TABLE = '{table}', CONSTRAINT = '{name}';\n        END IF;")
    branches.append("    ELSE NULL;")
    return FUNCTIONS.replace("{branches}", "\n".join(branches))


def content_triggers() -> str:
    return "\n".join(f"DROP TRIGGER IF EXISTS {table}_content ON public.{table};\n"
                     f"CREATE TRIGGER {table}_content BEFORE INSERT OR UPDATE ON public.{table}"
                     " FOR EACH ROW EXECUTE FUNCTION public.annotator_check_content();" for table in CHECKED_TABLES)


def add_constraints() -> list[tuple[str, str, str]]:
    """(table, name, statement): each rule added NOT VALID (enforced from now on); ``validate``
    then checks the rows already there."""
    return [(table, name, f"ALTER TABLE public.{table} DROP CONSTRAINT IF EXISTS {name}, "
                          f"ADD CONSTRAINT {name} CHECK ({condition}) NOT VALID")
            for name, (table, in_trigger, condition, _) in RULES.items() if not in_trigger]


def removal() -> list[str]:
    """The statements that take the rules away again (a benchmark's baseline, a test's older database)."""
    return ([f"ALTER TABLE public.{table} DROP CONSTRAINT {name}" for table, name, _ in add_constraints()]
            + [f"DROP TRIGGER {table}_content ON public.{table}" for table in CHECKED_TABLES])


def validate(table: str, name: str) -> str:
    return f"ALTER TABLE public.{table} VALIDATE CONSTRAINT {name}"


def reason(constraint: str | None) -> str | None:
    """The refusal's reason for a constraint of ``RULES`` (None: the server's own message says it)."""
    rule = RULES.get(constraint or "")
    return rule[3] if rule else None
