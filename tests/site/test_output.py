"""OUT is replaced only when it is a previous dehub site; nothing is ever half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehub_cli.export.dataset import Dataset
from dehub_cli.site.build import SiteOptions, build_site
from dehub_cli.site.output import MARKER, SiteError, staged_directory


def test_refuses_a_directory_that_is_not_a_dehub_site(tmp_path: Path, dataset: Dataset) -> None:
    out = tmp_path / "home"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(SiteError) as caught:
        build_site(dataset, out, SiteOptions())
    assert caught.value.message == (
        f"refusing to replace {out}: it is not a site built by dehub (no .dehub-site file)"
    )
    assert caught.value.hint == "choose a new or empty directory, or remove this one yourself"
    assert [p.name for p in out.iterdir()] == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_refuses_a_file(tmp_path: Path, dataset: Dataset) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("keep me")
    with pytest.raises(SiteError, match="exists and is not a directory"):
        build_site(dataset, out, SiteOptions())
    assert out.read_text() == "keep me"


def test_writes_into_a_new_or_empty_directory(tmp_path: Path, dataset: Dataset) -> None:
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "deep" / "new"):
        build_site(dataset, out, SiteOptions())
        assert (out / MARKER).is_file()
        assert (out / "en/index.html").is_file()
        assert oct(out.stat().st_mode & 0o777) == "0o755"


def test_replaces_a_previous_site_whole(tmp_path: Path, dataset: Dataset) -> None:
    out = tmp_path / "_site"
    build_site(dataset, out, SiteOptions())
    (out / "en/orgs/gone").mkdir()
    (out / "en/orgs/gone/index.html").write_text("an organisation removed since")
    build_site(dataset, out, SiteOptions())
    assert not (out / "en/orgs/gone").exists()
    assert (out / "en/orgs/alpha/index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_a_failed_build_leaves_the_old_site(tmp_path: Path, dataset: Dataset) -> None:
    out = tmp_path / "_site"
    build_site(dataset, out, SiteOptions())
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def interrupted_build() -> None:
        with staged_directory(out) as staged:
            (staged / "half.html").write_text("<p>half")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted_build()
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_parallel_workers_write_the_same_site(tmp_path: Path, dataset: Dataset) -> None:
    serial = build_site(dataset, tmp_path / "serial", SiteOptions(workers=1))
    parallel = build_site(dataset, tmp_path / "parallel", SiteOptions(workers=3))
    assert (parallel.pages, parallel.files, parallel.bytes) == (
        serial.pages,
        serial.files,
        serial.bytes,
    )
    files = sorted(p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial").rglob("*"))
    assert files == sorted(
        p.relative_to(tmp_path / "parallel") for p in (tmp_path / "parallel").rglob("*")
    )
    for relative in files:
        if (tmp_path / "serial" / relative).is_file():
            assert (tmp_path / "serial" / relative).read_bytes() == (
                tmp_path / "parallel" / relative
            ).read_bytes(), relative
