"""dehub.toml: where it is found, what it may say, and how it refuses what it may not."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehub_cli.codes import Code, Severity
from dehub_cli.config import Config, ConfigError, find_config, load_config


def registry(tmp_path: Path) -> Path:
    root = tmp_path / "repo" / "data"
    (root / "hubs").mkdir(parents=True)
    return root


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(registry(tmp_path)) == Config()


def test_every_key(tmp_path: Path) -> None:
    root = registry(tmp_path)
    (root / "dehub.toml").write_text(
        "[severity]\n"
        'DH309 = "off"\n'
        'dh307 = "error"\n'
        'DH308 = "warning"\n'
        "[validate]\n"
        "strict = true\n"
        "statistics = false\n"
        'format = "github"\n'
        "[report]\n"
        'lang = "de"\n'
    )
    assert load_config(root) == Config(
        path=root / "dehub.toml",
        severity={
            Code.NO_OPERATOR: None,
            Code.BEFORE_ANNOUNCEMENT: Severity.ERROR,
            Code.SAME_NAME: Severity.WARNING,
        },
        strict=True,
        statistics=False,
        format="github",
        lang="de",
    )


def test_found_one_level_up_and_in_pyproject(tmp_path: Path) -> None:
    root = registry(tmp_path)
    pyproject = root.parent / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n')
    assert find_config(root) is None  # a pyproject.toml without [tool.dehub] is not ours
    pyproject.write_text('[project]\nname = "x"\n\n[tool.dehub.validate]\nstrict = true\n')
    assert find_config(root) == pyproject
    assert load_config(root).strict is True
    (root.parent / "dehub.toml").write_text("[validate]\nstrict = false\n")
    assert load_config(root).strict is False  # dehub.toml beats pyproject.toml
    (root / "dehub.toml").write_text("")
    assert load_config(root) == Config(path=root / "dehub.toml")  # the closest wins


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "[validate]\nstrickt = true\n",
            "unknown key 'validate.strickt'",
            "did you mean 'strict'?",
        ),
        (
            "[severty]\nDH309 = 'off'\n",
            "unknown key 'severty'",
            "did you mean 'severity'?",
        ),
        (
            "[severity]\nDH3O9 = 'off'\n",
            "unknown code 'severity.DH3O9'",
            "did you mean 'DH309'?",
        ),
        (
            "[severity]\nDH309 = 'silent'\n",
            "'severity.DH309' is \"silent\"",
            'write "off", "warning" or "error"',
        ),
        (
            "[severity]\nDH201 = 'warning'\n",
            "'severity.DH201' cannot be \"warning\": a record with DH201 is left out of "
            "every answer",
            "fix the file instead; dehub codes DH201 explains how",
        ),
        ("[validate]\nstrict = 'yes'\n", "'validate.strict' is \"yes\"", "write true or false"),
        (
            "[validate]\nformat = 'sarff'\n",
            "'validate.format' is \"sarff\"",
            "did you mean 'sarif'?",
        ),
        ("[report]\nlang = 'fr'\n", "'report.lang' is \"fr\"", "choose one of: en, de"),
        ("validate = 1\n", "'validate' must be a table", "write it as [validate]"),
    ],
)
def test_bad_settings_name_the_file_and_key(
    tmp_path: Path, text: str, message: str, hint: str
) -> None:
    root = registry(tmp_path)
    (root / "dehub.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert caught.value.message == f"{root / 'dehub.toml'}: {message}"
    assert caught.value.hint == hint
    assert caught.value.exit_code == 2


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    root = registry(tmp_path)
    (root / "pyproject.toml").write_text("[tool.dehub]\nstrict = true\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert caught.value.message == f"{root / 'pyproject.toml'}: unknown key 'tool.dehub.strict'"
    assert caught.value.hint == "allowed here: severity, validate, report"


def test_toml_syntax_error(tmp_path: Path) -> None:
    root = registry(tmp_path)
    (root / "dehub.toml").write_text("[validate]\nstrict = \n")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert caught.value.message == (
        f"{root / 'dehub.toml'}: not valid TOML: Invalid value (at line 2, column 10)"
    )


def test_every_key_is_documented() -> None:
    from dehub_cli import config

    doc = (Path(__file__).resolve().parents[2] / "docs" / "CONFIG.md").read_text()
    keys = [f"validate.{key}" for key in config._VALIDATE_KEYS]
    keys += [f"report.{key}" for key in config._REPORT_KEYS] + ["severity.CODE"]
    for key in keys:
        assert f"| `{key}` |" in doc, key
    formats = ", ".join(f"`{name}`" for name in config._validate_formats())
    assert f"| `validate.format` | {formats} |" in doc
