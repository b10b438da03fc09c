"""How the package is put together: feature packages whose pages never import each other, a shallow import graph,
no module grown too long, every SQL statement in the store."""

import ast
import functools
import importlib
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dayinmylife"


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("dayinmylife", *path.relative_to(PACKAGE).with_suffix("").parts))
        found[name.removesuffix(".__init__")] = ast.parse(path.read_text())
    return found


def imported(tree: ast.Module, known: dict) -> set[str]:
    """The package's modules this module imports when it is loaded (imports inside functions wait for a call)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name in known}


def page_modules(known: dict) -> set[str]:
    return {name for name, tree in known.items() if "Blueprint(" in ast.unparse(tree)}


def test_no_page_module_imports_another():
    known = modules()
    pages = page_modules(known)
    imports = [
        (page, other) for page in pages for other in imported(known[page], known) & pages if other != page
    ]
    assert len(pages) > 20 and imports == []  # shared rules go in modules of their own (see README's layout)


def is_namespace(tree: ast.Module) -> bool:
    """A package whose __init__ only gathers its modules: importing it is importing them."""
    return not any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) for node in tree.body)


def test_import_chains_are_short():
    known = modules()
    graph = {name: imported(tree, known) - {name, "dayinmylife"} for name, tree in known.items()}
    for name, tree in known.items():
        if is_namespace(tree):  # an edge into a namespace package goes straight to the modules it gathers
            for others in graph.values():
                if name in others:
                    others.discard(name)
                    others |= graph[name]

    @functools.cache
    def depth(name: str) -> int:
        return 1 + max((depth(other) for other in graph[name]), default=0)

    deepest = max((name for name in graph if name != "dayinmylife"), key=depth)  # create_app sits above all
    assert depth(deepest) <= 6, deepest


def test_no_module_has_outgrown_its_job():
    too_long = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > 420
    }
    assert too_long.keys() <= {"consultations/suppression.py"}, too_long  # one algorithm, kept whole


def test_every_sql_statement_lives_in_the_store():
    statement = re.compile(r"\b(SELECT\s.+\sFROM|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM)\b", re.S)
    outside = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.parts and statement.search(path.read_text())
    ]
    assert outside == []


def test_the_benchmarks_and_scripts_name_only_what_the_package_has():
    """`make bench` and the scripts run outside the suite: a moved or renamed name must not break them."""
    missing = []
    for path in [
        *PACKAGE.parent.joinpath("bench").glob("*.py"),
        *PACKAGE.parent.joinpath("scripts").glob("*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dayinmylife"):
                module = importlib.import_module(node.module)
                missing += [
                    f"{path.name}: {node.module}.{a.name}"
                    for a in node.names
                    if not hasattr(module, a.name) and not _submodule(node.module, a.name)
                ]
    assert missing == []


def _submodule(package: str, name: str) -> bool:
    try:
        importlib.import_module(f"{package}.{name}")
    except ModuleNotFoundError:
        return False
    return True
