"""The layering rules of DESIGN.md, enforced (import-linter contracts in pyproject.toml)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "annotator" / "core" / "store"  # the only code that speaks SQL


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_store_speaks_sql():
    offenders = []
    for path in (ROOT / "annotator").rglob("*.py"):
        if STORE in path.parents:
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "SQL outside the store: " + ", ".join(offenders)


def test_core_modules_stay_small():
    big = [(p.relative_to(ROOT), n) for p in (ROOT / "annotator").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600]
    assert not big, big


def test_start_up_imports_neither_pandas_nor_numpy(tmp_path):
    """sqlite-utils imports pandas and numpy whenever they are installed (0.3–0.5 s a start): the CLI,
    the window's modules and opening an up-to-date project must not pull it in (pandas is installed
    in the dev environment, as on most users' machines)."""
    from annotator import Project

    Project.create(tmp_path / "p").close()  # migrations ran here, in this process
    code = (
        "import sys\n"
        "import annotator.cli.main\n"
        "from annotator.gui.window import main_window\n"
        "from annotator import Project\n"
        f"Project.open({str(tmp_path / 'p')!r}).close()\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'sqlite_utils', 'kiwipiepy') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


FILE_FUNCTIONS = {"open", "os.open", "os.replace", "os.rename", "os.remove", "os.unlink", "os.truncate", "os.link",
                  "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.move", "shutil.rmtree", "shutil.copytree"}
FILE_METHODS = {"read_bytes", "write_bytes", "read_text", "write_text", "unlink", "rename", "touch", "open"}
DATABASE_WORDS = ("db_path", "database", "store.path", "project.db", "-wal", "-shm")
# Each exception says why touching the database file outside SQLite is right there.
DATABASE_FILE_EXCEPTIONS = {
    ("annotator/core/safety/restore.py", "os.truncate"),  # a file SQLite calls "not a database", emptied so SQLite can restore
}


def test_only_sqlite_touches_database_files():
    """No open(), copy, rename, remove or truncate of a path named like the project's database
    (closing any descriptor of it drops the process's SQLite locks; see core/project_files.py)."""
    offenders = []
    for path in (ROOT / "annotator").rglob("*.py"):
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = ast.unparse(node.func)
            method = isinstance(node.func, ast.Attribute) and node.func.attr in FILE_METHODS
            if called not in FILE_FUNCTIONS and not method:
                continue
            touched = ast.unparse(node.func.value) if method else ""
            touched += " " + " ".join(ast.unparse(arg) for arg in node.args)
            words = DATABASE_WORDS + (("self.path",) if path.name == "store.py" else ())  # the Store's own file
            if any(word in touched.lower() for word in words) and (where, called) not in DATABASE_FILE_EXCEPTIONS:
                offenders.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    assert not offenders, "database files touched outside SQLite: " + "; ".join(offenders)
