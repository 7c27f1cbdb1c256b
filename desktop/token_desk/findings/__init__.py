"""Findings: what an auditor would flag about a token (never expires, expires soon, old, access to every
database or to one that is gone, no permissions, a shared or missing description). Pure rules, no Qt."""

from token_desk.findings.evaluate import FindingSet, evaluate
from token_desk.findings.policy import DEFAULT_POLICY, DAY_RANGE, Policy
from token_desk.findings.rules import RULES, RULES_BY_ID, Finding, Fix, Rule, Severity

__all__ = ["DAY_RANGE", "DEFAULT_POLICY", "RULES", "RULES_BY_ID", "Finding", "FindingSet", "Fix", "Policy", "Rule",
           "Severity", "evaluate"]
