"""What a finished session found, as the rules across sessions and children need it: the "worth exploring" and
"going well" prompts it raised, what it said of each part's weekend and each feeling. Derived from the answers
and deleted with them, worked out once per session: reading a session runs its flow, which is what a Team
page of 240 children or a partnership's report over 10,000 would otherwise spend its time on. Worked out by
`reading.findings_of`; kept by the store with the stamp of what they were worked out with. Pure."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from dayinmylife.questionnaire.model import Questionnaire

RULES = 1  # bump when what is found, or how, changes: findings kept under another number are worked out again

WORTH_EXPLORING, GOING_WELL = "worth_exploring", "going_well"


@dataclass(frozen=True)
class Findings:
    """One session's findings. Prompts and areas as the questionnaire names them; weekend values as given
    ("yes" is different, "no" is the same, anything else unknown); feelings as 1 (very sad) to 5."""

    worth_exploring: frozenset[tuple[str, str]]  # (area of care, prompt)
    going_well: frozenset[tuple[str, str]]
    weekend: dict[str, str | None]  # part id -> the answer to "is it different at the weekend?"
    feelings: dict[tuple[str, str], int]  # (question id, day) -> score, where one was given for that day

    def prompts(self, signal: str = WORTH_EXPLORING) -> set[str]:
        return {prompt for _area, prompt in getattr(self, signal)}

    def areas(self, signal: str) -> set[str]:
        return {area for area, _prompt in getattr(self, signal)}

    def to_json(self) -> str:
        return json.dumps(
            {
                WORTH_EXPLORING: sorted(self.worth_exploring),
                GOING_WELL: sorted(self.going_well),
                "weekend": self.weekend,
                "feelings": [[*key, score] for key, score in sorted(self.feelings.items())],
            },
            separators=(",", ":"),
        )

    def counted(self) -> str:
        """As JSON, what the partnership's impact report counts of it: the areas of care with a prompt of
        each signal, the parts of the day said to be different at the weekend, and whether any part's weekend
        was said to be different or the same."""
        return json.dumps(
            {
                WORTH_EXPLORING: sorted(self.areas(WORTH_EXPLORING)),
                GOING_WELL: sorted(self.areas(GOING_WELL)),
                "weekend_different": sorted(part for part, said in self.weekend.items() if said == "yes"),
                "weekend_said": any(said in ("yes", "no") for said in self.weekend.values()),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Findings:
        kept = json.loads(text)
        return cls(
            frozenset(tuple(pair) for pair in kept[WORTH_EXPLORING]),
            frozenset(tuple(pair) for pair in kept[GOING_WELL]),
            kept["weekend"],
            {(question_id, day): score for question_id, day, score in kept["feelings"]},
        )


_STAMPS: dict[int, tuple[Questionnaire, str]] = {}


def stamp(questionnaire: Questionnaire) -> str:
    """Which rules and which questionnaire (its whole content) findings were worked out with: findings kept
    under another stamp are stale. The questionnaire is kept with its stamp, so its id() is never reused."""
    if id(questionnaire) not in _STAMPS:
        digest = hashlib.sha256(repr(questionnaire).encode()).hexdigest()[:16]
        _STAMPS[id(questionnaire)] = (questionnaire, f"{RULES}:{questionnaire.id}:{digest}")
    return _STAMPS[id(questionnaire)][1]
