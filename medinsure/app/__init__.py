"""Widget builders, one per app. Notebooks import and display them."""

from medinsure.app.household import HouseholdExplainer, household_explainer

__all__ = ["HouseholdExplainer", "household_explainer"]
# The other apps: medinsure.app.population.population_explorer, .family.family_explainer,
# .lifecycle.lifecycle_explainer, .resident.resident_explainer, .flexible.flexible_explainer,
# .fund.fund_explorer, .myths.myth_checker (imported on use: each pulls its own data).
