"""medinsure: cited, dated rules and calculations for China's employee medical-insurance
personal-account reform (职工医保个人账户改革) and outpatient pooling (门诊共济)."""

from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import load_all, load_region, region_slugs, rules_for

__all__ = ["Comparison", "DataError", "Enrollee", "InvalidInput", "compare", "load_all",
           "load_region", "region_slugs", "rules_for"]
__version__ = "0.1.0"
