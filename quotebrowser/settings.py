"""What the user chose in the app (citation style, last filter, panel width), kept between
sessions in the user's config folder. A missing or unreadable file is no settings, never an
error: settings are a convenience, not data."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

ENV_VAR = "QUOTEBROWSER_CONFIG"  # a folder; tests and portable installs point it elsewhere


def settings_path() -> Path:
    folder = os.environ.get(ENV_VAR)
    base = (
        Path(folder) if folder else platformdirs.user_config_path("quotebrowser", appauthor=False)
    )
    return base / "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    style: str = "plain"
    filter: str = ""
    speakers_width: int | None = None

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        # Keep only known keys whose type matches the default's (a hand-edited file may not).
        chosen = {
            f.name: data[f.name]
            for f in fields(cls)
            if f.name in data
            and (
                getattr(defaults, f.name) is None
                or isinstance(data[f.name], type(getattr(defaults, f.name)))
            )
        }
        width = chosen.get("speakers_width")
        if width is not None and not isinstance(width, int):
            chosen.pop("speakers_width")
        return replace(defaults, **chosen)

    def save(self, path: Path) -> bool:
        """Write atomically; False (and nothing changed) when the folder is not writable."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            return False
        return True
