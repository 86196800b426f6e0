"""Every notebook has a twin in the other language with the same code and slides, and is stored clean.

nbval (configured in pyproject.toml) runs the notebooks themselves; these tests check the files.
"""

import pytest

from helpers.authoring import NOTEBOOKS, hygiene_problems, notebook_pairs, parity_problems

PAIRS = notebook_pairs()
ALL = sorted((NOTEBOOKS / "en").glob("*.ipynb")) + sorted((NOTEBOOKS / "ja").glob("*.ipynb"))


def test_every_japanese_notebook_has_an_english_twin():
    en_names = {p.name for p in (NOTEBOOKS / "en").glob("*.ipynb")}
    orphans = [p.name for p in (NOTEBOOKS / "ja").glob("*.ipynb") if p.name not in en_names]
    assert orphans == []


@pytest.mark.parametrize("en, ja", PAIRS, ids=[p[0].stem for p in PAIRS])
def test_twins_share_code_cells_and_slides(en, ja):
    assert parity_problems(en, ja) == []


@pytest.mark.parametrize("path", ALL, ids=[f"{p.parent.name}/{p.stem}" for p in ALL])
def test_notebook_is_stored_clean(path):
    assert hygiene_problems(path) == []


def test_parity_check_can_fail(tmp_path):
    """The parity check itself notices a changed code cell."""
    import nbformat

    from helpers.authoring import _cell

    def write(lang, code):
        nb = nbformat.v4.new_notebook(cells=[_cell("code", f'LANG = "{lang}"', "skip"), _cell("code", code, "-")])
        nb.metadata["kernelspec"] = {"name": "python3"}
        path = tmp_path / lang / "01_x.ipynb"
        path.parent.mkdir(exist_ok=True)
        nbformat.write(nb, path)
        return path

    en, ja = write("en", "x = 1"), write("ja", "x = 2")
    assert parity_problems(en, ja) == ["01_x.ipynb cell 1: code differs between en and ja"]
    assert hygiene_problems(en) == []


def _numeric_cells(markdown: str) -> list[list[str]]:
    """The cells of every Markdown table row that hold only numbers (the words around them are translated;
    a range is written 586–865 in English and 586〜865 in Japanese)."""
    import re

    from helpers.experiments import parse_markdown_tables

    number_cell = re.compile(r"^[-+−]?[\d.]+(e[+-]\d+)?(\s*(±|–|〜|-)\s*[\d.]+(e[+-]\d+)?)?$")
    return [[re.sub(r"\s*[–〜]\s*", "–", cell) for cell in row.values() if number_cell.match(cell)]
            for table in parse_markdown_tables(markdown) for row in table]


@pytest.mark.parametrize("en, ja", PAIRS, ids=[p[0].stem for p in PAIRS])
def test_japanese_tables_quote_the_same_numbers_as_the_english(en, ja):
    """A translated table (08's command-line tables, 07's results) keeps every number of its English twin."""
    import nbformat

    en_cells, ja_cells = (nbformat.read(p, as_version=4).cells for p in (en, ja))
    differ = [n for n, (a, b) in enumerate(zip(en_cells, ja_cells))
              if a.cell_type == "markdown" and _numeric_cells(a.source) != _numeric_cells(b.source)]
    assert differ == []


def test_table_number_check_sees_a_changed_number():
    table = "| a | b |\n| --- | --- |\n| x | 0.0004 ± 0.0002 |\n"
    assert _numeric_cells(table) == [["0.0004 ± 0.0002"]]
    assert _numeric_cells(table) != _numeric_cells(table.replace("0.0002 |", "0.0003 |"))


EXERCISES_HEADER = {"en": "**Exercises**", "ja": "**演習**"}
FOLD_LABELS = {"en": ("Hint", "Answer"), "ja": ("ヒント", "解答")}


def _exercises(markdown: str, lang: str) -> list[str] | None:
    """The numbered items of the Summary cell's exercise list (each with its indented continuation lines), or None
    if the cell has no exercise list."""
    import re

    lines = markdown.splitlines()
    if EXERCISES_HEADER[lang] not in lines:
        return None
    items = []
    for line in lines[lines.index(EXERCISES_HEADER[lang]) + 1:]:
        if re.match(r"\d+\. ", line):
            items.append(line)
        elif line.startswith(("**", "#")):  # "**Next:**", "**References**": the list has ended
            break
        elif items:
            items[-1] += "\n" + line
    return items


def _fold_problems(item: str, lang: str) -> list[str]:
    """What is missing from one exercise: a folded hint, then a folded answer, both indented into the list item,
    each with a blank line after its summary (so that Markdown and math are parsed inside) and a non-empty body."""
    import re

    problems, position = [], 0
    for label in FOLD_LABELS[lang]:
        fold = re.compile(rf"^( {{3,}})<details><summary>{label}</summary>\n\n(.*?)\n\1</details>$", re.M | re.S)
        found = fold.search(item, position)
        if found is None:
            problems.append(f"no folded {label} (indented <details><summary>{label}</summary>, a blank line, "
                            f"text, </details>) after {'the hint' if position else 'the exercise'}")
        elif not found.group(2).strip():
            problems.append(f"the folded {label} is empty")
        else:
            position = found.end()
    return problems


@pytest.mark.parametrize("path", ALL, ids=[f"{p.parent.name}/{p.stem}" for p in ALL])
def test_every_exercise_is_followed_by_a_folded_hint_and_a_folded_answer(path):
    import nbformat

    lang = path.parent.name
    lists = [items for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"
             for items in [_exercises(cell.source, lang)] if items is not None]
    if path.name.startswith("00_"):  # the index has no exercises
        assert lists == []
        return
    assert len(lists) == 1 and lists[0], "expected one Summary cell with a numbered exercise list"
    problems = [f"exercise {item.split('.')[0]}: {p}" for item in lists[0] for p in _fold_problems(item, lang)]
    assert problems == []


def test_fold_check_sees_a_missing_answer_and_a_fold_outside_the_list_item():
    hint = "   <details><summary>Hint</summary>\n\n   Use $e^{-|x|}$.\n\n   </details>"
    answer = "   <details><summary>Answer</summary>\n\n   $1/4$.\n\n   </details>"
    assert _fold_problems(f"1. Task.\n{hint}\n{answer}", "en") == []
    assert len(_fold_problems(f"1. Task.\n{hint}", "en")) == 1
    assert len(_fold_problems(f"1. Task.\n{answer}\n{hint}", "en")) == 1  # the answer must come after the hint
    assert len(_fold_problems("1. Task.\n" + hint.replace("   ", "") + "\n" + answer, "en")) == 1
    assert len(_fold_problems(f"1. Task.\n{hint.replace(chr(10) * 2, chr(10))}\n{answer}", "en")) == 1
    cell = f"## Summary\n\n**Exercises**\n\n1. One.\n{hint}\n{answer}\n2. Two.\n\n**Next:** 02"
    assert [i.split("\n")[0] for i in _exercises(cell, "en")] == ["1. One.", "2. Two."]
