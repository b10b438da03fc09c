"""How the package is put together: no page module imports another, so a feature's pages can move alone."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dayinmylife"


def page_modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        if "Blueprint(" in text:
            found[path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")] = ast.parse(text)
    return found


def test_no_page_module_imports_another():
    pages = page_modules()
    imports = []
    for name, tree in pages.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                named = [node.module] if node.module else [alias.name for alias in node.names]
                imports += [(name, other) for other in named if other in pages and other != name]
    assert len(pages) > 20 and imports == []  # shared rules go in modules of their own (see README's layout)
