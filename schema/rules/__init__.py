"""The shape of a rule file (extract/rules/*.yaml), checked when it is loaded: one strict
pydantic model per file (FILE_MODELS); a file without its own model is checked as RuleFileModel."""
from __future__ import annotations

from pydantic import BaseModel

from schema.rules.base import RuleFileModel, RuleModel
from schema.rules.codes import CodeRule, CodesFile, CodeVeto, CompanyAlias, GlossaryRegions, HelperPattern, RegionsFile, VetoCheck
from schema.rules.common import CommonFile
from schema.rules.figures import VALUE_KINDS, DatesFile, MoneyFile, TargetsFile

FILE_MODELS: dict[str, type[BaseModel]] = {
    "common": CommonFile,
    "codes": CodesFile,
    "regions": RegionsFile,
    "targets": TargetsFile,
    "money": MoneyFile,
    "dates": DatesFile,
}

__all__ = ["FILE_MODELS", "VALUE_KINDS", "CodeRule", "CodeVeto", "CodesFile", "CommonFile", "CompanyAlias",
           "DatesFile", "GlossaryRegions", "HelperPattern", "MoneyFile", "RegionsFile", "RuleFileModel",
           "RuleModel", "TargetsFile", "VetoCheck"]
