"""Values derived from one loaded object (a table, the data bundle) computed once per object: the parts of a view
that do not depend on the filters (lookups, per-country splits) are built on the first view of a data version and
read by every later one, and parts that depend on a few values only (a country and a year, say) are kept for the
next view that needs them. A loaded table or bundle is never changed, so what is derived from it stays valid for as
long as it lives and is dropped with it (a new data version is new objects)."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_DERIVED: dict[int, tuple[weakref.ref, dict[str, OrderedDict]]] = {}
_LOCK = threading.Lock()  # sessions run in threads: two first views may ask at once


def derived(owner: object, group: str, key: tuple, compute: Callable[[], T], keep: int | None = None) -> T:
    """compute(), once per `owner` object, `group` (what is computed) and `key` (the values it depends on): later
    calls with the same owner, group and key return the first result. With `keep`, the group holds at most that
    many keys, the least recently used dropped first. `owner` must be weak-referenceable (a DataFrame, a Bundle)."""
    with _LOCK:
        known = _DERIVED.get(id(owner))
        if known is not None and known[0]() is owner:
            values = known[1].get(group)
            if values is not None and key in values:
                values.move_to_end(key)
                return values[key]
    value = compute()  # outside the lock: two threads may compute the same value; neither waits for the other
    with _LOCK:
        known = _DERIVED.get(id(owner))
        if known is None or known[0]() is not owner:
            number = id(owner)
            known = _DERIVED[number] = (weakref.ref(owner, lambda _, d=_DERIVED: d.pop(number, None)), {})
        values = known[1].setdefault(group, OrderedDict())
        value = values.setdefault(key, value)
        while keep is not None and len(values) > keep:
            values.popitem(last=False)
        return value


def per_object(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: fn(owner, *args) computed once per owner object and (hashable) args; see derived()."""
    group = f"{fn.__module__}.{fn.__qualname__}"

    def wrapper(owner, *args):
        return derived(owner, group, args, lambda: fn(owner, *args))

    wrapper.__doc__, wrapper.__name__, wrapper.__qualname__ = fn.__doc__, fn.__name__, fn.__qualname__
    wrapper.__module__, wrapper.__wrapped__ = fn.__module__, fn
    return wrapper


@per_object
def records(frame) -> list[dict]:
    """A frame's rows as dictionaries (column -> value), made once per frame object; callers only read them."""
    return frame.to_dict("records")
