"""Every text a person reads in a questionnaire file reaches the translation catalog."""

import subprocess
import sys
from pathlib import Path

import yaml

from dayinmylife.questionnaire.extract import extract_questionnaire

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = ROOT / "questionnaires" / "primary.yaml"


def extracted(path: Path) -> list[tuple[int, str, str, list[str]]]:
    with path.open("rb") as fileobj:
        return list(extract_questionnaire(fileobj, keywords=["_"], comment_tags=[], options={}))


def texts_of(key: str) -> set[str]:
    data = yaml.safe_load(PRIMARY.read_text(encoding="utf-8"))
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for name, value in node.items():
                if name == key and isinstance(value, str):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return found


def test_every_prompt_in_primary_is_extracted_including_care_prompts():
    prompts = texts_of("prompt")
    assert "Who wakes you up?" in prompts
    assert prompts <= {message for _, _, message, _ in extracted(PRIMARY)}


def test_every_option_label_in_primary_is_extracted():
    labels = texts_of("label")
    assert "I wake up by myself" in labels
    assert labels <= {message for _, _, message, _ in extracted(PRIMARY)}


def test_titles_hints_banners_and_intro_are_extracted():
    messages = {message for _, _, message, _ in extracted(PRIMARY)}
    expected = texts_of("title") | texts_of("hint") | texts_of("intro")
    expected |= {"On a school day", "At the weekend", "Is this part of your day different at the weekend?"}
    assert expected <= messages


def test_ids_values_and_picture_names_are_not_extracted():
    messages = {message for _, _, message, _ in extracted(PRIMARY)}
    assert not messages & {
        "who_wakes_you",
        "grown_up",
        "alarm-clock",
        "primary",
        "both",
        "pick_one",
        "basic_care",
    }


def test_each_message_carries_the_line_it_is_on():
    lines = PRIMARY.read_text(encoding="utf-8").splitlines()
    single_line = [
        (line, message)
        for line, _, message, _ in extracted(PRIMARY)
        if "\n" not in message and len(message) < 80
    ]
    assert len(single_line) > 100
    assert [(line, message) for line, message in single_line if message not in lines[line - 1]] == []


def test_a_known_prompt_is_on_its_line_with_a_comment_saying_what_it_is():
    found = [entry for entry in extracted(PRIMARY) if entry[2] == "Who wakes you up?"]
    assert len(found) == 1
    line, function, _, comments = found[0]
    assert PRIMARY.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "prompt: Who wakes you up?"
    assert function == "gettext"
    assert comments == ["questionnaire prompt"]


def test_pybabel_extract_puts_questionnaire_texts_in_the_catalog(tmp_path):
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "-F",
            "translations/babel.cfg",
            "-k",
            "_l",
            "-k",
            "N_",
            "-o",
            str(pot),
            str(ROOT),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    catalog = pot.read_text(encoding="utf-8")
    assert 'msgid "Who wakes you up?"' in catalog
    assert "questionnaires/primary.yaml:" in catalog
    assert 'msgid "I wake up by myself"' in catalog
    assert 'msgid "I don\'t know"' in catalog
