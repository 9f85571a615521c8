"""`zorgnet map`: one offline page per kind of map, a PNG and reusable positions."""

import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.viz.layout import load_positions

runner = CliRunner()


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--gemeente", "hilversum"],
        ["--team", "buurtteam"],
        ["--route", "huisarts", "jeugd-ggz", "--gemeente", "hilversum"],
        ["--actor", "huisarts", "--depth", "2"],
        ["--gaps"],
        ["--gaps", "--gemeente", "huizen"],
    ],
)
@pytest.mark.slow
def test_every_kind_of_map_is_written_as_one_offline_page(store_path, tmp_path, options):
    out = tmp_path / "kaart.html"
    result = runner.invoke(app, ["map", *options, "-o", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Kaart geschreven" in result.output
    page = out.read_text(encoding="utf-8")
    assert "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page


@pytest.mark.browser
def test_a_map_as_png_with_positions_saved_then_reused(store_path, tmp_path):
    out, png, positions = tmp_path / "kaart.html", tmp_path / "kaart.png", tmp_path / "pos.json"
    args = [
        "map",
        "--gemeente",
        "hilversum",
        "-o",
        str(out),
        "--store",
        str(store_path),
        "--positions",
        str(positions),
    ]
    first = runner.invoke(app, [*args, "--png", str(png)])
    assert first.exit_code == 0, first.output
    assert png.read_bytes().startswith(b"\x89PNG")
    saved = load_positions(positions)
    assert "huisarts" in saved
    page = out.read_text(encoding="utf-8")
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert load_positions(positions) == saved
    assert out.read_text(encoding="utf-8") == page


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--actor", "huisart"], "Bedoelde u: huisarts"),
        (["--team", "buurtteam", "--gaps"], "Kies één soort kaart"),
        (["--gemeente", "hilversun"], "Onbekende gemeente"),
    ],
)
def test_a_wrong_question_is_refused_with_exit_code_2(store_path, tmp_path, options, message):
    result = runner.invoke(
        app, ["map", *options, "-o", str(tmp_path / "k.html"), "--store", str(store_path)]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "k.html").exists()


def test_a_broken_positions_file_is_named_in_the_error(store_path, tmp_path):
    positions = tmp_path / "pos.json"
    positions.write_text("{niet json", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "map",
            "-o",
            str(tmp_path / "k.html"),
            "--store",
            str(store_path),
            "--positions",
            str(positions),
        ],
    )
    assert result.exit_code == 2
    assert str(positions) in result.output
    assert "geen geldig positiebestand: geen geldige JSON (regel 1, kolom 2)" in result.output
    assert "Verwijder het bestand" in result.output and "Expecting" not in result.output
