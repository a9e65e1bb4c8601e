"""Process settings the engine changes while it runs, and always puts back."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def small_pages() -> Iterator[None]:
    """Keep numpy from asking for transparent huge pages, restoring the setting afterwards."""
    # numpy asks Linux for transparent huge pages for every large array. Where the kernel
    # compacts memory to find them (defrag=madvise, as on the benchmark machine) each such
    # page fault stalls for milliseconds, and the engine allocates many short-lived arrays:
    # measured at 200,000 students, 0.8 s of system time with huge pages against 0.3 s
    # without. The switch is process-wide, so it is put back as it was.
    switch = _hugepage_switch()
    if switch is None:
        yield
        return
    previous = switch(False)
    try:
        yield
    finally:
        switch(previous)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, restoring its state afterwards."""
    # A large instance is millions of objects. While they are made (parsing) or while other
    # objects are made beside them (solving, encoding), the cyclic collector would walk them
    # all again and again — a third of the time of a parse — and find nothing: this package
    # creates no reference cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _hugepage_switch() -> Callable[[bool], bool] | None:
    # A private numpy function (numpy 1.20+); without it the engine is only slower.
    try:
        module = importlib.import_module("numpy._core.multiarray")
    except ImportError:
        return None
    switch = getattr(module, "_set_madvise_hugepage", None)
    return switch if callable(switch) else None
