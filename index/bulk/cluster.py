"""Connecting to Ray: a cluster at an address, or a small local instance started for one run.

Nothing is fetched: the local instance runs without a dashboard and with usage statistics off,
and its workers import PolicyLens from the same installation as the caller. A cluster named by
address needs PolicyLens (the same version) installed on every node and the input files on a
path every node can read.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)
# The object store of a local instance: enough for a few batches of texts and vectors in flight,
# small beside the machine's memory (Ray's default takes 30 % of it).
LOCAL_OBJECT_STORE_MB = 512


class RayUnavailableError(RuntimeError):
    """Ray is not installed or the cluster cannot be reached; the message says what to do."""


@dataclass(frozen=True, slots=True)
class RayPlan:
    """How a bulk run uses Ray.

    Attributes:
        address: a running cluster ("auto", "host:port", "ray://host:10001"), or None to start a
            local instance for the run.
        workers: parallel parse tasks and embedding actors (and the local instance's CPUs).
        embed_batch: passages per embedding call in an actor.
        sort_by_length: hand the actors passages of similar length together (less padding).
        threads: CPU threads of each embedding actor; None shares a local instance's cores out
            among the actors and leaves a cluster's to the engine's default.
    """

    address: str | None = None
    workers: int = 2
    embed_batch: int = 64
    sort_by_length: bool = True
    threads: int | None = None

    def __post_init__(self) -> None:
        if self.workers < 1 or self.embed_batch < 1 or (self.threads or 1) < 1:
            raise ValueError(f"workers and embed_batch must be at least 1: {self}")


def ray_module() -> Any:
    """The ``ray`` module.

    Raises:
        RayUnavailableError: when Ray is not installed, naming the package to install.
    """
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailableError(
            "Ray is not installed; install it with `pip install 'ray[data]'` (see the README, "
            "'Bulk ingest on Ray')"
        ) from exc
    return ray


@contextmanager
def ray_session(plan: RayPlan) -> Iterator[Any]:
    """Connect to ``plan.address`` or start a local instance; yields the ``ray`` module.

    A local instance started here is shut down on leaving; a cluster connected to is left
    running (only this driver disconnects).

    Raises:
        RayUnavailableError: when Ray is missing or the address cannot be reached.
    """
    ray = ray_module()
    if ray.is_initialized():  # a caller (a test, a notebook) already connected
        yield ray
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    options: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.WARNING,
    }
    if plan.address:
        options["address"] = plan.address
    else:
        options.update(num_cpus=plan.workers, object_store_memory=LOCAL_OBJECT_STORE_MB * 2**20)
    try:
        ray.init(**options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = plan.address or "a local instance"
        raise RayUnavailableError(f"cannot start or reach Ray at {where}: {exc}") from exc
    quiet_ray_data(ray)
    try:
        yield ray
    finally:
        ray.shutdown()


def quiet_ray_data(ray: Any) -> None:
    """No progress bars from Ray Data: the CLI draws its own, and logs are for operators."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
