"""data/ → typed, dated, cited rules. The only reader of ``data/``.

``from medinsure.rules import …`` keeps the names it always had: ``load_region``,
``region_slugs``, ``rules_for``, ``Reference``, ``Entry``, ``ParameterFile``,
``load_parameter_file`` and the validation helpers for topic modules.
"""

from medinsure.rules.employee import CONCEPTS, LEVELS, MODELS, STATUSES, uses_retirement_year
from medinsure.rules.files import (
                    RELIABILITY,
                    RELIABILITY_TEXT,
                    Entry,
                    ParameterFile,
                    Reference,
                    ValidationContext,
                    check_amount,
                    check_bands,
                    check_bilingual,
                    check_keys,
                    check_rate,
                    data_dir,
                    load_parameter_file,
                    read_yaml,
                    register_concept,
                    register_model,
                    registered_models,
                    require_data_dir,
                    unique_references,
)
from medinsure.rules.regions import (
                    NATIONAL,
                    Event,
                    Notice,
                    Region,
                    Rules,
                    RuleSet,
                    as_date,
                    load_all,
                    load_region,
                    load_region_folder,
                    old_rules_day,
                    region_slugs,
                    rules_for,
                    rules_on,
)

__all__ = [
    "CONCEPTS", "LEVELS", "MODELS", "STATUSES", "RELIABILITY", "RELIABILITY_TEXT", "NATIONAL",
    "Entry", "Event", "Notice", "ParameterFile", "Reference", "Region", "Rules", "RuleSet",
    "ValidationContext", "as_date", "check_amount", "check_bands", "check_bilingual", "check_keys",
    "check_rate", "data_dir", "load_all", "load_parameter_file", "load_region", "load_region_folder",
    "old_rules_day", "read_yaml", "region_slugs", "register_concept", "register_model",
    "registered_models", "require_data_dir", "rules_for", "rules_on", "unique_references",
    "uses_retirement_year",
]
