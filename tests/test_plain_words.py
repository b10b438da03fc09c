"""Plain words: every pre-school and primary prompt reads at a level a seven-year-old can manage.

A seven-year-old is in Year 2 or 3 in England (grade 2 in the United States, the scale reading formulas
use). Children this age read short sentences of short, everyday words; long sentences and long words are
what stop them. So the checks, measured with textstat (pyphen's hyphenation for syllables):

- Every sentence of every text (question, hint, option, part of the day, banner) has at most 12 words:
  early-reader books keep to about 5-12, and a prompt is read aloud once and must be held in mind whole.
- No word has more than 3 syllables (pyphen counts "family" and "together" as 3; "understanding" as 4).
- A text of 6 or more words averages at most 1.5 syllables a word. Shorter texts are left out of this
  measure: one word decides it ("Cereal" alone averages 3), so it says nothing there.
- Each questionnaire's text as a whole scores at most grade 2 on Flesch-Kincaid. The formula needs many
  words to settle (on a two-word label it gives grade 9), so it is applied to the whole text, never to one
  short label.
"""

import re

import pytest
import textstat

from dayinmylife.questionnaire.loader import load_all

pytestmark = pytest.mark.a11y

MAX_WORDS_IN_A_SENTENCE = 12
MAX_SYLLABLES_IN_A_WORD = 3
MAX_SYLLABLES_PER_WORD = 1.5
WORDS_FOR_AN_AVERAGE = 6
MAX_GRADE_OF_THE_WHOLE = 2.0

QUESTIONNAIRES = load_all()


def texts_a_child_reads(questionnaire_id: str) -> dict[str, str]:
    """Every text of a questionnaire that a child reads or hears, by where it is."""
    questionnaire = QUESTIONNAIRES[questionnaire_id]
    texts = {
        "days.school": questionnaire.school_day,
        "days.weekend": questionnaire.weekend,
        "days.weekend_question": questionnaire.weekend_question,
    }
    for part in questionnaire.parts:
        texts[part.id] = part.title
        for question in part.questions:
            texts[question.id] = question.prompt
            if question.hint:
                texts[f"{question.id} (hint)"] = question.hint
            for option in question.options:
                texts[f"{question.id}: {option.value}"] = option.label
    return texts


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)


def sentences(text: str) -> list[str]:
    return [sentence for sentence in re.split(r"[.?!:]+", text) if words(sentence)]


def reading_problems(text: str) -> list[str]:
    """Say what would make this text hard for a seven-year-old; nothing if it is plain."""
    problems = [
        f"{len(words(sentence))} words in “{sentence.strip()}”"
        for sentence in sentences(text)
        if len(words(sentence)) > MAX_WORDS_IN_A_SENTENCE
    ]
    problems += [
        f"“{word}” has {textstat.syllable_count(word)} syllables"
        for word in words(text)
        if textstat.syllable_count(word) > MAX_SYLLABLES_IN_A_WORD
    ]
    if len(words(text)) >= WORDS_FOR_AN_AVERAGE:
        per_word = textstat.syllable_count(text) / len(words(text))
        if per_word > MAX_SYLLABLES_PER_WORD:
            problems.append(f"{per_word:.2f} syllables a word")
    return problems


def test_the_measure_catches_long_sentences_long_words_and_heavy_texts():
    assert reading_problems("Who wakes you up?") == []
    assert reading_problems("Cereal") == []
    assert reading_problems("Does a grown-up play with you, read with you or talk with you?") == [
        "13 words in “Does a grown-up play with you, read with you or talk with you”"
    ]
    assert reading_problems("Is your teacher understanding?") == ["“understanding” has 4 syllables"]
    assert reading_problems("Nobody usually remembers anything particularly important.") != []


@pytest.mark.parametrize("questionnaire_id", ["preschool", "primary"])
def test_every_prompt_is_in_words_a_seven_year_old_reads(questionnaire_id):
    hard = {
        where: problems
        for where, text in texts_a_child_reads(questionnaire_id).items()
        if (problems := reading_problems(text))
    }
    assert hard == {}, f"{questionnaire_id}.yaml: rewrite these in plainer words: {hard}"


@pytest.mark.parametrize("questionnaire_id", ["preschool", "primary"])
def test_the_whole_questionnaire_reads_at_grade_two_or_below(questionnaire_id):
    whole = " ".join(
        text if text.rstrip().endswith((".", "?", "!")) else f"{text}."
        for text in texts_a_child_reads(questionnaire_id).values()
    )
    assert textstat.flesch_kincaid_grade(whole) <= MAX_GRADE_OF_THE_WHOLE
