# mypy: disable-error-code="misc"
# (The base choices enums have no members of their own; mypy warns about any memberless enum in a stub.)
# Choices are enums whose members are written `NAME = value, label`: Django's metaclass splits the pair,
# so a member is its value (a str or an int) and carries its label.
import enum
from typing import Any

class ChoicesType(enum.EnumMeta):
    @property
    def choices(cls) -> list[tuple[Any, str]]: ...
    @property
    def labels(cls) -> list[str]: ...
    @property
    def values(cls) -> list[Any]: ...
    @property
    def names(cls) -> list[str]: ...

class Choices(enum.Enum, metaclass=ChoicesType):
    @property
    def label(self) -> str: ...

class IntegerChoices(int, Choices):
    _value_: int
    @property
    def value(self) -> int: ...

class TextChoices(str, Choices):
    _value_: str
    @property
    def value(self) -> str: ...
