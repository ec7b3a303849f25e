"""The service files in deploy/ are well formed and start the bot the way the docs say.

No systemd or container engine runs here, so they are read, not run: the unit as the
INI file it is, the Containerfile instruction by instruction.
"""

from __future__ import annotations

import configparser
import json
import shlex
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
    "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
}  # fmt: skip


def test_the_systemd_unit_runs_the_bot_and_stops_it_gently() -> None:
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(DEPLOY / "gongkai-bot.service", encoding="utf-8")
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    command = shlex.split(service["ExecStart"])
    assert Path(command[0]).is_absolute() and command[1:4] == ["-m", "bot", "run"]
    assert command[4] == "--config"
    assert service["KillSignal"] == "SIGTERM" and int(service["TimeoutStopSec"]) >= 60
    assert service["Restart"] == "on-failure"
    assert service["WorkingDirectory"] in service["ReadWritePaths"]
    assert "BOT_TOKEN" not in service.get("Environment", "")
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    if shutil.which("systemd-analyze"):  # systemd's own reading, where it is installed
        verify = subprocess.run(
            ["systemd-analyze", "verify", str(DEPLOY / "gongkai-bot.service")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        problems = [
            line
            for line in (verify.stdout + verify.stderr).splitlines()
            if line.strip() and "is not executable" not in line  # /opt/gongkai is not here
        ]
        assert not problems, problems


def test_the_containerfile_installs_the_project_and_runs_the_bot() -> None:
    lines = []
    for raw in (DEPLOY / "Containerfile").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            lines.append(raw.strip())
    instructions = [line.split(None, 1) for line in lines]
    assert all(word in INSTRUCTIONS for word, _ in instructions), instructions
    assert instructions[0] == ["FROM", "python:3.11-slim"]
    copied = [arg.split()[0] for word, arg in instructions if word == "COPY"]
    assert all((ROOT / path).exists() for path in copied)
    cmd = json.loads(next(arg for word, arg in instructions if word == "CMD"))
    assert cmd[:4] == ["python", "-m", "bot", "run"]
    assert ["STOPSIGNAL", "SIGTERM"] in instructions
    assert any(word == "USER" and arg != "root" for word, arg in instructions)
