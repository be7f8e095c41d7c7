"""Shared test configuration: explicit Hypothesis profiles and fixtures."""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

from rejectkit.testing import isolated_registry

# Profiles are chosen explicitly, never from the CI variable, so a run
# behaves the same wherever it happens. HYPOTHESIS_PROFILE picks one.
settings.register_profile(
    "dev",
    max_examples=60,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=250,
    deadline=timedelta(seconds=5),
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


__all__ = ["isolated_registry"]
