# Django ships no type information: everything here but the choices enums reads as Any.
from typing import Any

def __getattr__(name: str) -> Any: ...
