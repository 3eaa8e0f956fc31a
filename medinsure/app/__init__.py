"""Widget builders, one per app. Notebooks import and display them."""

from .household import HouseholdExplainer, household_explainer

__all__ = ["HouseholdExplainer", "household_explainer"]
