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
