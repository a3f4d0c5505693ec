"""Broken device registers for the validation page's tests, derived from the shipped examples: the default graph
of each broken delivery under ``examples/deliveries/iot-device-register/`` (its expected report, a named graph
after it, left out), so that the tests follow the examples as they change."""

from __future__ import annotations

from cityref import resources

DELIVERIES = resources.examples_dir() / "deliveries" / "iot-device-register"
MARKUP = '<b>Capteur</b> <script>document.title="pwned"</script><img src=x onerror=alert(1)>'
"""A label a careless (or hostile) vendor might deliver: it must show as text, never as markup."""


def delivery(name: str) -> str:
    """The delivery part of one broken example, as Turtle."""
    text = (DELIVERIES / f"{name}.trig").read_text(encoding="utf-8")
    return text.split("<urn:cityref:expected>", 1)[0]


def broken_register(markup: bool = False) -> str:
    """Two broken deliveries as one register: a sloppy noise sensor and two devices gathering personal data.
    With ``markup``, the noise sensor's English label is :data:`MARKUP`."""
    text = delivery("broken-inventory") + "\n" + delivery("broken-personal-data")
    if markup:
        text = text.replace('"Noise sensor, Night-time economy zone"@en', '"' + MARKUP.replace('"', '\\"') + '"@en')
        assert MARKUP.replace('"', '\\"') in text
    return text
