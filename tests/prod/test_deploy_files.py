"""deploy/ says the same as README.md's "Serving in production" (the commands make prod-smoke runs)."""

import re

from .helpers import ROOT
from .stack import readme_commands

DEPLOY = ROOT / "deploy"
APP = "/srv/peerhaven/app/"


def exec_starts() -> dict[str, list[str]]:
    return {
        unit.name: re.findall(r"^ExecStart=(.+)$", unit.read_text(), re.M)
        for unit in (DEPLOY / "systemd").glob("*.service")
    }


def test_every_long_running_readme_command_is_a_systemd_service():
    _, commands = readme_commands()
    services = [command for command in commands if "migrate" not in command and "collectstatic" not in command]
    assert len(services) == 3, "granian, uvicorn and the task worker"
    started = [line for lines in exec_starts().values() for line in lines]
    for command in services:
        assert APP + " ".join(command) in started, f"no unit runs {' '.join(command)}"


def test_every_safety_net_the_readme_names_has_a_timer():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Serving in production") : readme.index("## Development")]
    commands = set(re.findall(r"`manage\.py (\w+)`", section))
    assert commands >= {"send_due_reminders", "send_event_reminders", "escalate_risk_alerts"}
    timed = {
        re.search(r"manage\.py (\w+)", line).group(1)
        for name, lines in exec_starts().items()
        if (DEPLOY / "systemd" / name.replace(".service", ".timer")).exists()
        for line in lines
    }
    assert commands <= timed


def test_the_environment_example_sets_what_the_readme_exports():
    exported, _ = readme_commands()
    example = (DEPLOY / "peerhaven.env.example").read_text()
    assert set(exported) <= set(re.findall(r"^(\w+)=", example, re.M))


def test_nginx_never_publishes_media_and_keeps_no_access_log():
    site = (DEPLOY / "nginx" / "peerhaven.conf").read_text()
    directives = [line.strip() for line in site.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert not any("media" in line.lower() for line in directives)
    assert [line for line in directives if line.startswith(("alias", "root"))] == ["alias /srv/peerhaven/static/;"]
    assert [line for line in directives if line.startswith("access_log")] == ["access_log off;"] * 2
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in directives
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in directives
