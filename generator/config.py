"""The catalogue's settings: one schema for the MkDocs plugin (`plugins: - catalogue:`
in mkdocs.yml) and the command line, each option typed, with a default.

MkDocs checks a plugin's options as it loads the config and reports every
mistake at once, one line each; the command line does the same with the same
schema (`check`). Relative paths are taken from the folder of mkdocs.yml (from
the working folder on the command line).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from .catalogue.taxonomy import DEFAULT_TAXONOMY
from .runtime.parallel import cores

WORKERS_VARIABLE = "CATALOGUE_WORKERS"


class _Folder(c.Dir):
    """A folder that may be gone for a while: a warning, so a strict build stops
    on it, but `mkdocs serve` goes on and picks it up when it is back."""

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not os.path.isdir(value):
            self.warnings.append(f"no such folder: {value}")
        return value


class _Workers(c.Type):
    """A whole number of at least 1; unset: $CATALOGUE_WORKERS, else every core."""

    def __init__(self) -> None:
        super().__init__(int, default=None)

    def validate(self, value: object) -> int:
        return self.run_validation(value)  # (unset is a value here: "every core")

    def run_validation(self, value: object) -> int:
        if value is None:
            value = os.environ.get(WORKERS_VARIABLE, "").strip() or cores()
            try:
                value = int(value)
            except ValueError:
                raise base.ValidationError(
                    f"${WORKERS_VARIABLE} must be a whole number of at least 1, got {value!r}"
                ) from None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"expected a whole number of at least 1, got {value!r}")
        return value


class _Schema(base.Config):
    """A config that reports every bad option, not only the first as MkDocs'
    own validation does, and takes an unknown option for the typo it is."""

    def validate(self):
        failed, warnings = [], []
        for key, option in _options(type(self)):
            try:
                option.pre_validation(self, key_name=key)
                self[key] = option.validate(self.get(key))
                option.post_validation(self, key_name=key)
            except base.ValidationError as error:
                failed.append((key, error))
            warnings.extend((key, w) for w in option.warnings)
            option.reset_warnings()
        known = {key for key, _ in _options(type(self))}
        for key in sorted(set(self.keys()) - known):
            failed.append(
                (
                    key,
                    base.ValidationError(
                        f"unknown option (expected one of {', '.join(sorted(known))})"
                    ),
                )
            )
        return failed, warnings


def _options(schema: type) -> list[tuple[str, c.BaseConfigOption]]:
    """The options a config class declares, its bases' first."""
    found: dict[str, c.BaseConfigOption] = {}
    for cls in reversed(schema.__mro__):
        found.update((k, v) for k, v in vars(cls).items() if isinstance(v, c.BaseConfigOption))
    return list(found.items())


class ReadingConfig(_Schema):
    """What reading dumps needs (`python -m generator parse`)."""

    # The topic taxonomy; unset: the one that comes with the generator.
    taxonomy = c.File(exists=True, default=str(DEFAULT_TAXONOMY))
    # Processes that parse, render and build pages side by side.
    workers = _Workers()


class CatalogueConfig(ReadingConfig):
    """The plugin's options (the README lists them)."""

    # Where the dumps are: text dumps (*.txt) and `captures.yml`.
    dumps = _Folder(default="dumps")
    # What earlier builds computed (outside git; delete it any time).
    cache = c.Dir(default=".cache/generator")


@dataclass(frozen=True)
class Settings:
    """What one build needs to know, whoever started it."""

    dumps: Path
    docs: Path
    taxonomy: Path
    cache: Path | None
    workers: int
    strict: bool = False
    site_url: str | None = None  # the site's address: feeds and citations need it
    templates: Path | None = None  # the theme's custom_dir: a site's own page templates
    builds_again: bool = False  # `mkdocs serve`: keep in memory what the next build reuses

    @classmethod
    def of(cls, config: CatalogueConfig, docs: Path, **more) -> Settings:
        return cls(
            dumps=Path(config.dumps),
            docs=docs,
            taxonomy=Path(config.taxonomy),
            cache=Path(config.cache),
            workers=config.workers,
            **more,
        )


def check(
    options: dict, schema: type[base.Config] = CatalogueConfig
) -> tuple[base.Config, list[str]]:
    """Options as the command line gives them (None: unset) -> the config and
    every mistake, one line each."""
    config = schema()
    config.load_dict({k: v for k, v in options.items() if v is not None})
    errors, warnings = config.validate()
    return config, [f"option '{key}': {error}" for key, error in [*errors, *warnings]]
