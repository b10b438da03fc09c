"""Load questionnaire files: validate against schema.json, cross-check what a schema cannot, build the model."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

import jsonschema
import yaml

from dayinmylife.questionnaire import builtins
from dayinmylife.questionnaire.conditions import named_questions
from dayinmylife.questionnaire.model import (
    NOT_A_REAL_ANSWER,
    Board,
    CareLink,
    Option,
    Part,
    Question,
    Questionnaire,
    ReportGroup,
)

QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[2] / "questionnaires"
PICTURES_DIR = Path(__file__).resolve().parents[2] / "static" / "pictures"
BANDS = ("baby", "preschool", "primary", "teenager", "disability")
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser is eight times faster


class QuestionnaireError(ValueError):
    """A questionnaire file is broken; the message names the file, the question and the problem."""

    def __init__(self, path: Path | str, problem: str, question: str | None = None):
        self.path, self.problem, self.question = Path(path).name, problem, question
        where = f"{self.path}, question {question!r}" if question else self.path
        super().__init__(f"{where}: {problem}")


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((QUESTIONNAIRES_DIR / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_all(directory: Path = QUESTIONNAIRES_DIR, pictures: Path = PICTURES_DIR) -> dict[str, Questionnaire]:
    """Load every age band's file, failing on the first broken one."""
    paths = [Path(directory) / f"{band}.yaml" for band in BANDS]
    versions = tuple((path, path.stat().st_mtime_ns if path.exists() else None) for path in paths)
    return dict(_load_unchanged(versions, Path(pictures)))


@lru_cache(maxsize=8)
def _load_unchanged(versions: tuple, pictures: Path) -> tuple:
    # Each worker and each test app loads the same files; parse them again only when they change.
    loaded = [load_questionnaire(path, pictures) for path, _ in versions]
    return tuple((questionnaire.id, questionnaire) for questionnaire in loaded)


def load_questionnaire(path: Path | str, pictures: Path = PICTURES_DIR) -> Questionnaire:
    """Read one file, validate it and return the questionnaire it describes."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except OSError as error:
        raise QuestionnaireError(path, f"cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise QuestionnaireError(path, f"is not valid YAML: {error}") from None
    _check_schema(path, data)
    questionnaire = _build(data)
    _cross_check(path, questionnaire, Path(pictures))
    return questionnaire


def _check_schema(path: Path, data) -> None:
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return
    question, path_so_far, node = None, [], data
    for key in error.absolute_path:
        node, path_so_far = node[key], [*path_so_far, key]
        if len(path_so_far) == 4 and path_so_far[2] == "questions" and isinstance(node, dict):
            question = node.get("id")
    location = "/".join(str(key) for key in error.absolute_path) or "the top level"
    raise QuestionnaireError(path, f"{error.message} (at {location})", question)


def _build(data: dict) -> Questionnaire:
    return Questionnaire(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        answered_by=data["answered_by"],
        record_source=data.get("record_source", False),
        age_from=data["age"]["from"],
        age_to=data["age"]["to"],
        school_day=data["days"]["school"],
        weekend=data["days"]["weekend"],
        weekend_question=data["days"]["weekend_question"],
        intro=data["intro"],
        parts=tuple(_build_part(part) for part in data["parts"]),
        adult_weekend_question=data["days"].get("adult_weekend_question"),
        chosen_by_age=data.get("chosen_by_age", True),
        record_shown_by=data.get("record_shown_by", False),
        large_targets=data.get("large_targets", False),
    )


def _build_part(data: dict) -> Part:
    questions = tuple(
        question
        for each in data["questions"]
        for question in (
            _board_questions(each, data["id"])
            if each["type"] == "sorting"
            else [_build_question(each, data["id"])]
        )
    )
    return Part(id=data["id"], title=data["title"], picture=data["picture"], questions=questions)


def _board_questions(data: dict, part_id: str) -> list[Question]:
    """A sorting board is one question a picture, each stored as an ordinary answer: good, not sure, not good."""
    board = Board(
        data["id"], data["prompt"], tuple(item["id"] for item in data["items"]), data.get("adult_prompt")
    )
    return [
        Question(
            id=item["id"],
            type="sorting",
            prompt=item["prompt"],
            adult_prompt=item.get("adult_prompt"),
            days=data["days"],
            options=builtins.SORTING,
            ask_if=data.get("ask_if"),
            care=tuple(_build_care(link) for link in item.get("care", [])),
            alert=tuple(item.get("alert", {}).get("urgent", ())),
            part_id=part_id,
            board=board,
            label=item["label"],
            picture=item["picture"],
        )
        for item in data["items"]
    ]


def _build_question(data: dict, part_id: str) -> Question:
    return Question(
        id=data["id"],
        type=data["type"],
        prompt=data["prompt"],
        days=data["days"],
        options=_options(data),
        hint=data.get("hint"),
        adult_prompt=data.get("adult_prompt"),
        adult_hint=data.get("adult_hint"),
        ask_if=data.get("ask_if"),
        care=tuple(_build_care(link) for link in data.get("care", [])),
        alert=tuple(data.get("alert", {}).get("urgent", ())),
        report_together=tuple(
            ReportGroup(group["value"], group["label"], tuple(group["answers"]))
            for group in data.get("report_together", ())
        ),
        part_id=part_id,
        clock_range=(data["from"], data["to"]) if data["type"] == "time_of_day" else None,
    )


def _options(data: dict) -> tuple[Option, ...]:
    kind = data["type"]
    if kind in ("pick_one", "pick_many"):
        return tuple(Option(**option) for option in data["options"])
    if kind == "yes_no":
        return builtins.YES_NO
    if kind == "how_often":
        return builtins.HOW_OFTEN[data["scale"]]
    if kind == "feelings":
        return builtins.FACES[data.get("faces", 5)]
    if kind == "sorting":
        return builtins.SORTING
    if kind == "time_of_day":
        return builtins.time_options(data["from"], data["to"], data.get("step", 60))
    return ()


def _build_care(data: dict) -> CareLink:
    return CareLink(
        area=data["area"],
        signal=data["signal"],
        prompt=data["prompt"],
        answers=tuple(data.get("answers", ())),
        later_than=data.get("later_than"),
        earlier_than=data.get("earlier_than"),
    )


def _cross_check(path: Path, questionnaire: Questionnaire, pictures: Path) -> None:
    if questionnaire.age_from > questionnaire.age_to:
        raise QuestionnaireError(path, "age 'from' is after age 'to'")
    if questionnaire.answered_by == "child":
        _check_adult_wording(path, questionnaire)
    seen: set[str] = set()
    boards: set[int] = set()
    for part in questionnaire.parts:
        _check_unique(path, part.id, seen, None)
        _check_picture(path, part.picture, pictures, None)
        for question in part.questions:
            if question.board and id(question.board) not in boards:
                boards.add(id(question.board))
                _check_unique(path, question.board.id, seen, question.board.id)
            _check_unique(path, question.id, seen, question.id)
            _check_question(path, question, seen, questionnaire, pictures)


def _check_adult_wording(path: Path, questionnaire: Questionnaire) -> None:
    """A questionnaire a child answers is also answered by their parent or carer, or the practitioner: every
    question needs its words for an adult (questionnaires/README.md)."""
    if not questionnaire.adult_weekend_question:
        raise QuestionnaireError(path, "days needs an adult_weekend_question: a parent's account asks it too")
    for question in questionnaire.questions:
        if question.board and not question.board.adult_prompt:
            raise QuestionnaireError(path, "needs an adult_prompt for its board", question.board.id)
        if not question.adult_prompt:
            raise QuestionnaireError(
                path, "needs an adult_prompt, the question for a parent or carer", question.id
            )
        if question.hint and not question.adult_hint:
            raise QuestionnaireError(path, "has a hint, so needs an adult_hint too", question.id)


def _check_unique(path: Path, item_id: str, seen: set[str], question: str | None) -> None:
    if item_id in seen:
        raise QuestionnaireError(path, f"the id {item_id!r} is used more than once", question)
    seen.add(item_id)


def _check_picture(path: Path, picture: str, pictures: Path, question: str | None) -> None:
    if not (pictures / f"{picture}.svg").is_file():
        raise QuestionnaireError(path, f"there is no picture {picture!r} in static/pictures", question)


def _check_question(path: Path, question: Question, earlier: set[str], questionnaire, pictures) -> None:
    values = [option.value for option in question.options]
    if len(values) != len(set(values)):
        raise QuestionnaireError(path, "two options have the same value", question.id)
    reserved = set(values) & set(NOT_A_REAL_ANSWER)
    if reserved:
        raise QuestionnaireError(
            path, f"{reserved.pop()!r} is reserved: every question offers it", question.id
        )
    if question.type == "time_of_day":
        _check_clocks(path, question, question.clock_range[1])
    for option in question.options:
        _check_picture(path, option.picture, pictures, question.id)
    if question.picture:
        _check_picture(path, question.picture, pictures, question.id)
    for named, named_values in named_questions(question.ask_if):
        _check_condition(path, question, named, named_values, earlier, questionnaire)
    for link in question.care:
        _check_care(path, question, link, values)
    for value in question.alert:
        if value not in values:
            raise QuestionnaireError(
                path, f"alert names {value!r}, which is not one of its answers", question.id
            )
    _check_report_together(path, question, values)


def _check_report_together(path: Path, question: Question, values: list[str]) -> None:
    together: set[str] = set()
    rows = set(values) | set(NOT_A_REAL_ANSWER)
    for group in question.report_together:
        if group.value in rows:
            raise QuestionnaireError(path, f"report_together {group.value!r} is already a row", question.id)
        rows.add(group.value)
        for value in group.answers:
            if value not in values:
                raise QuestionnaireError(
                    path, f"report_together names {value!r}, which is not one of its answers", question.id
                )
            if value in together:
                raise QuestionnaireError(path, f"{value!r} is in two report_together groups", question.id)
            together.add(value)


def _check_clocks(path: Path, question: Question, last_clock: str) -> None:
    if not 2 <= len(question.options) <= builtins.MAX_CLOCKS:
        raise QuestionnaireError(path, f"a time of day needs 2 to {builtins.MAX_CLOCKS} clocks", question.id)
    if question.options[-1].value != last_clock:
        raise QuestionnaireError(path, f"the clocks do not reach {last_clock} in equal steps", question.id)


def _check_condition(path, question, named, named_values, earlier, questionnaire) -> None:
    target = questionnaire.questions_by_id.get(named)
    if target is None or named not in earlier or named == question.id:
        raise QuestionnaireError(
            path, f"ask_if names {named!r}, which is not an earlier question", question.id
        )
    known = {option.value for option in target.options} | set(NOT_A_REAL_ANSWER)
    for value in named_values:
        if value not in known:
            raise QuestionnaireError(path, f"ask_if names {value!r}, not an answer of {named!r}", question.id)


def _check_care(path, question, link: CareLink, values: list[str]) -> None:
    allowed = set(values) | set(NOT_A_REAL_ANSWER)
    for value in link.answers:
        if value not in allowed:
            raise QuestionnaireError(
                path, f"care names {value!r}, which is not one of its answers", question.id
            )
    for time in (link.later_than, link.earlier_than):
        if time is not None and time not in values:
            raise QuestionnaireError(
                path, f"care names the time {time}, which is not one of its clocks", question.id
            )
