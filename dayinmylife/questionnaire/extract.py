"""A Babel extraction method: every text a person reads in a questionnaire file goes into the catalog."""

import yaml

TRANSLATABLE_KEYS = {
    "title",
    "prompt",
    "hint",
    "label",
    "school",
    "weekend",
    "weekend_question",
    "intro",
    "adult_prompt",
    "adult_hint",
    "adult_label",
    "adult_weekend_question",
}


def extract_questionnaire(fileobj, keywords, comment_tags, options):
    """Yield (line, function, message, comments) for each translatable text in a questionnaire file."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root)


def _walk(node):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in TRANSLATABLE_KEYS and isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, "gettext", value.value, [f"questionnaire {key.value}"]
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)
