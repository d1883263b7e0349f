"""Settings from defaults, the TOML file, --config and SPYGLASS_* variables; reads never write."""

from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.config import DEFAULT_KEYS, DEFAULT_MAX_PREVIEW_BYTES, load_config, parse_size
from spyglass.errors import SpyglassError
from tests.conftest import require_permissions_apply, run_unprivileged


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty XDG config folder; the user's own is never looked at."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home / ".config"


def user_file(config_home: Path, text: str) -> Path:
    path = config_home / "spyglass" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    return path


def test_defaults_when_there_is_no_file(config_home: Path) -> None:
    config = load_config(environ={})
    assert config.hidden is False
    assert config.max_preview_bytes == DEFAULT_MAX_PREVIEW_BYTES
    assert config.keys == DEFAULT_KEYS
    assert config.source is None


def test_reading_never_creates_the_config_folder(config_home: Path) -> None:
    load_config(environ={})
    assert not config_home.exists()


def test_reading_an_existing_file_changes_nothing_in_its_folder(config_home: Path) -> None:
    path = user_file(config_home, "hidden = true\n")
    before = {item.name: item.stat().st_mtime_ns for item in path.parent.iterdir()}
    load_config(environ={})
    assert {item.name: item.stat().st_mtime_ns for item in path.parent.iterdir()} == before


def test_file_in_the_user_config_folder_is_read(config_home: Path) -> None:
    path = user_file(
        config_home,
        """
hidden = true
max_preview_bytes = "4MiB"
theme = "nord"
syntax-theme = "dracula"

[keys]
quit = "ctrl+q"
filter = "f,slash"

[options]
anon = true

[profiles.minio]
endpoint_url = "http://127.0.0.1:9000"
""",
    )
    config = load_config(environ={})
    assert config.source == str(path)
    assert config.hidden is True
    assert config.max_preview_bytes == 4 * 1024 * 1024
    assert (config.theme, config.syntax_theme) == ("nord", "dracula")
    assert config.keys["quit"] == "ctrl+q"
    assert config.keys["filter"] == "f,slash"
    assert config.keys["refresh"] == DEFAULT_KEYS["refresh"]
    assert config.options == {"anon": True}
    assert config.profiles == {"minio": {"endpoint_url": "http://127.0.0.1:9000"}}


def test_config_option_points_at_another_file(config_home: Path, tmp_path: Path) -> None:
    user_file(config_home, "theme = 'user'\n")
    other = tmp_path / "other.toml"
    other.write_text("theme = 'other'\n")
    config = load_config(str(other), environ={})
    assert (config.theme, config.source) == ("other", str(other))


def test_spyglass_config_variable_points_at_another_file(config_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "env.toml"
    other.write_text("theme = 'from-env-file'\n")
    assert load_config(environ={"SPYGLASS_CONFIG": str(other)}).theme == "from-env-file"


def test_environment_overrides_the_file(config_home: Path) -> None:
    user_file(config_home, "hidden = false\nmax_preview_bytes = 2048\ntheme = 'nord'\n")
    config = load_config(
        environ={
            "SPYGLASS_HIDDEN": "yes",
            "SPYGLASS_MAX_PREVIEW_BYTES": "8KiB",
            "SPYGLASS_THEME": "textual-light",
            "SPYGLASS_UNRELATED": "ignored",
        }
    )
    assert config.hidden is True
    assert config.max_preview_bytes == 8192
    assert config.theme == "textual-light"


def test_missing_config_file_given_explicitly_is_an_error(
    config_home: Path, tmp_path: Path
) -> None:
    with pytest.raises(SpyglassError, match=r"configuration file .*missing.toml does not exist"):
        load_config(str(tmp_path / "missing.toml"), environ={})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hidden = 'maybe'", "bad value 'maybe' for hidden: expected true or false"),
        ("max_preview_bytes = 'lots'", "bad size 'lots'"),
        ("max_preview_bytes = 10", "the preview budget must be at least 1 KiB"),
        ("max_preview_bytes = 1.5e6", "bad size 1500000.0"),
        ("max_preview_bytes = true", "bad size True"),
        ("colour = 'red'", "unknown setting 'colour'"),
        ("[keys]\nexplode = 'x'", "unknown action 'explode' in [keys]"),
        ("[keys]\nquit = ''", "keys for 'quit' must be a non-empty string"),
        ("keys = 'q'", "[keys] must be a table"),
        ("options = 3", "options must be a table"),
        ("hidden = ", "invalid TOML"),
    ],
)
def test_bad_values_in_the_file_are_clear_errors(
    config_home: Path, text: str, message: str
) -> None:
    path = user_file(config_home, text + "\n")
    with pytest.raises(SpyglassError) as raised:
        load_config(environ={})
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_bad_environment_value_names_the_variable(config_home: Path) -> None:
    with pytest.raises(SpyglassError) as raised:
        load_config(environ={"SPYGLASS_MAX_PREVIEW_BYTES": "huge"})
    assert "SPYGLASS_MAX_PREVIEW_BYTES" in str(raised.value)
    assert "bad size 'huge'" in str(raised.value)


def test_unreadable_config_folder_is_a_clear_error(public_dir: Path) -> None:
    home = public_dir / "home"
    (home / ".config" / "spyglass").mkdir(parents=True)
    (home / ".config" / "spyglass" / "config.toml").write_text("hidden = true\n")
    home.chmod(0o755)
    (home / ".config").chmod(0o000)
    require_permissions_apply(home / ".config")
    done = run_unprivileged(
        """
        from spyglass.config import load_config
        from spyglass.errors import SpyglassError
        import platformdirs.unix
        drop_privileges()
        try:
            load_config(environ={})
        except SpyglassError as exc:
            print(exc)
        """,
        home=home,
    )
    assert done.returncode == 0, done.stderr
    path = home / ".config" / "spyglass" / "config.toml"
    assert done.stdout.strip() == f"cannot read {path}: permission denied"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1048576", 1048576),
        ("512KiB", 512 * 1024),
        ("4MiB", 4 * 1024 * 1024),
        ("1M", 1024 * 1024),
        ("2 GiB", 2 * 1024**3),
        ("1.5MiB", 1536 * 1024),
        ("64kb", 64 * 1024),
        (2048, 2048),
    ],
)
def test_sizes_accept_numbers_and_units(text: str | int, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "abc", "4 parsecs", "-5", "10", "1023"])
def test_bad_sizes_are_clear_errors(text: str) -> None:
    with pytest.raises(SpyglassError, match="bad size"):
        parse_size(text)
