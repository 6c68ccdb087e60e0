"""sitroom: sourced, graded, time-aware claims from open-source reporting on armed conflicts."""

from sitroom.errors import SitroomError

__version__ = "0.1.0"


def __getattr__(name: str):  # noqa: ANN202 - lazy import keeps `import sitroom` light
    if name == "Sitroom":
        from sitroom.app import Sitroom

        return Sitroom
    raise AttributeError(name)


__all__ = ["Sitroom", "SitroomError", "__version__"]
