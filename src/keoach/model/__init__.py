"""The output contract: every model of SPEC.md."""
from .plan import (Assignment, Deadline, Document, Indicator, ParseWarning, Period, Plan, Reference,
                   Section, Signer, Source, Table, Target, json_schema, load_dict, load_json, to_dict)

__all__ = ["Assignment", "Deadline", "Document", "Indicator", "ParseWarning", "Period", "Plan",
           "Reference", "Section", "Signer", "Source", "Table", "Target", "json_schema", "load_dict", "load_json", "to_dict"]
