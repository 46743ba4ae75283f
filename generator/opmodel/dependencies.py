"""Are the libraries opmodel runs on the versions it declares?

pip keeps them so, but an environment can drift past it: `pip install --no-deps`, a later
install that downgraded one for another tool, a conda or system package. Then the first
sign would be a traceback deep inside a build (nh3 0.2.17 has no `allowed_classes`), so the
CLI and the plugin ask here first and name the package, the version found and the fix.
"""

from __future__ import annotations

from importlib import metadata

from packaging.requirements import Requirement


def unmet_requirements(distribution: str = "opmodel") -> list[str]:
    """One sentence for each runtime requirement of `distribution` that the environment
    does not meet; none when opmodel runs from a source tree it was not installed from."""
    try:
        declared = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return []
    problems: list[str] = []
    for line in declared:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue  # an extra (the test tools) or another platform's requirement
        wanted = f"{requirement.name}{requirement.specifier}"
        fix = f"python -m pip install '{wanted}'"
        try:
            found = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{requirement.name} is not installed; opmodel needs {wanted}: {fix}")
            continue
        if not requirement.specifier.contains(found, prereleases=True):
            problems.append(
                f"{requirement.name} {found} is installed; opmodel needs {wanted}: {fix}"
            )
    return problems
