"""The documentation says what zorgnet does: every command and HTTP route is in the
reference, the README is a front page whose quick start is the one CI runs, and its
example questions give answers on the shipped data (as sqlite-utils' test_docs.py)."""

import contextlib
import io
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zorgnet.api.app import create_app
from zorgnet.api.cli import app as cli_app
from zorgnet.api.settings import SHIPPED_DATASET, Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
# The documents the README links as the reference; limits.md and data-audit.md are
# linked too, but written and tested elsewhere.
REFERENCE = ["cli.md", "http-api.md", "data-model.md", "store.md", "national-scale.md"]
OWN_DOCS = [ROOT / "README.md", *(DOCS / name for name in [*REFERENCE, "development.md"])]
OWN_DOCS.append(ROOT / "bench" / "README.md")
MAIN_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/zorgnet start"
HTTP_METHODS = {"get", "post", "put", "delete", "patch"}


def _commands() -> dict[str, list[str]]:
    """Command name → the options a user types (the long name, else the short one)."""
    group = typer.main.get_command(cli_app)
    found = {}
    for name, command in group.commands.items():
        options = []
        for param in command.params:
            if param.param_type_name != "option" or param.name == "help":
                continue
            long = [o for o in param.opts if o.startswith("--")]
            options.append(long[0] if long else param.opts[0])
        found[name] = options
    return found


def _operations() -> list[str]:
    """Every operation of the web app's OpenAPI, as ``METHOD /path``."""
    spec = create_app(Settings()).openapi()
    return sorted(
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    )


def _sections(text: str) -> dict[str, str]:
    """``### `zorgnet <name>` `` heading → the text up to the next heading."""
    parts = re.split(r"^#{2,3} ", text, flags=re.M)
    found = {}
    for part in parts:
        heading, _, body = part.partition("\n")
        match = re.fullmatch(r"`zorgnet (\S+)`", heading.strip())
        if match:
            found[match.group(1)] = body
    return found


def test_every_command_has_a_section_in_the_cli_reference_with_every_option() -> None:
    sections = _sections((DOCS / "cli.md").read_text(encoding="utf-8"))
    for name, options in _commands().items():
        assert name in sections, f"docs/cli.md has no section `zorgnet {name}`"
        missing = [o for o in options if o not in sections[name]]
        assert not missing, f"docs/cli.md, zorgnet {name}: {missing} not documented"


def test_the_cli_reference_documents_no_command_that_does_not_exist() -> None:
    sections = _sections((DOCS / "cli.md").read_text(encoding="utf-8"))
    assert set(sections) == set(_commands())


def test_every_http_route_is_in_the_http_reference_and_nothing_else() -> None:
    text = (DOCS / "http-api.md").read_text(encoding="utf-8")
    operations = _operations()
    missing = [op for op in operations if f"`{op}`" not in text]
    assert not missing, f"not in docs/http-api.md: {missing}"
    # The routes table holds no route the app does not have.
    listed = re.findall(r"^\| `((?:GET|POST|PUT|DELETE|PATCH) [^`]+)` \|", text, flags=re.M)
    assert sorted(listed) == operations


def test_the_readme_is_a_front_page() -> None:
    assert len(README) <= 12_000, f"README.md has {len(README)} characters, at most 12,000"


def _quick_start(text: str, heading: str) -> list[str]:
    section = text.split(f"## {heading}\n", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.S)
    assert block is not None, f"no bash block under '## {heading}'"
    return block.group(1).strip().splitlines()


def test_the_quick_start_is_the_main_command_and_the_command_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert _quick_start(README, "Quick start") == [MAIN_COMMAND, ci]
    development = (DOCS / "development.md").read_text(encoding="utf-8")
    assert _quick_start(development, "The two commands") == [MAIN_COMMAND, ci]
    # The main command runs the documented main job.
    assert "start" in _commands()


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@pytest.mark.parametrize("document", OWN_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_leads_to_a_file_and_heading_that_exist(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        assert linked.exists(), f"{document.name}: link to missing {target}"
        if anchor:
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), flags=re.M)
            slugs = {_slug(h) for h in headings}
            assert anchor in slugs, f"{document.name}: no heading #{anchor} in {path}"


@dataclass(frozen=True)
class Question:
    """One example question of the README, asked three ways."""

    title: str
    cli: str
    python: str
    http: str
    # A word the answer must hold, in each of the three forms.
    about: str


# What each of the README's questions is about: the answer names it.
ANSWERS = ["huisarts", "tekort", "hilversum", "doorbraaktafel", "hilversum"]


def _questions() -> tuple[str, list[Question]]:
    if "## Five questions\n" not in README:
        return "", []
    section = README.split("## Five questions\n", 1)[1].split("\n## ", 1)[0]
    setup, *asked = re.split(r"^\*\*\d\. ", section, flags=re.M)
    setup_code = re.findall(r"```python\n(.*?)```", setup, flags=re.S)
    assert len(setup_code) == 1, "the README opens the store once, before the questions"
    questions = []
    for text, about in zip(asked, ANSWERS, strict=True):
        blocks = dict(re.findall(r"```(bash|python|http)\n(.*?)```", text, flags=re.S))
        questions.append(
            Question(
                text.split("**", 1)[0],
                blocks["bash"].strip(),
                blocks["python"],
                blocks["http"].strip(),
                about,
            )
        )
    return setup_code[0], questions


SETUP, QUESTIONS = _questions()


def test_the_readme_asks_five_questions_each_three_ways() -> None:
    assert len(QUESTIONS) == 5
    for q in QUESTIONS:
        assert q.cli.startswith("zorgnet ") and "\n" not in q.cli
        assert "from zorgnet.graph.analyses." in q.python
        assert q.http.startswith("GET /")


@pytest.fixture(scope="module")
def readme_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict]]:
    """The README's own Python opening, run in a fresh folder: the store it loads and the
    names it defines (``G``)."""
    folder = tmp_path_factory.mktemp("readme")
    names: dict = {}
    with contextlib.chdir(folder):
        exec(SETUP, names)
    stores = [p for p in folder.iterdir() if p.is_dir()]
    assert len(stores) == 1
    yield stores[0], names


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.title)
def test_each_readme_question_answers_in_python(readme_store, question: Question) -> None:
    _, names = readme_store
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(question.python, dict(names))
    assert question.about in printed.getvalue().lower()


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.title)
@pytest.mark.slow
def test_each_readme_question_answers_on_the_command_line(readme_store, question) -> None:
    store, _ = readme_store
    args = [*shlex.split(question.cli)[1:], "--store", str(store)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert question.about in result.stdout.lower()


@pytest.fixture(scope="module")
def web_app(readme_store) -> Iterator[TestClient]:
    store, _ = readme_store
    settings = Settings(store=store, data=SHIPPED_DATASET, sparql_workers=1)
    with TestClient(create_app(settings)) as client:
        yield client


def _template(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.title)
def test_each_readme_question_answers_over_http(web_app, question: Question) -> None:
    method, url = question.http.split(" ", 1)
    path = url.split("?", 1)[0]
    documented = [op.split(" ", 1)[1] for op in _operations() if op.startswith(f"{method} ")]
    assert any(_template(p).match(path) for p in documented), f"{path} is not a route"
    answer = web_app.request(method, url)
    assert answer.status_code == 200, answer.text
    assert question.about in answer.text.lower()
