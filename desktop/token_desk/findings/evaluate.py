"""Findings for a whole token list in one pass, cheap enough to run with every load.

A row's findings are one small int (a bit per rule) worked out by a single comprehension: at
100,000 tokens a function call per token, or a Finding object per token, would cost more than
the rest of preparing the rows. Sentences are written only when someone reads them (a tooltip,
the Details dialog, an export). Only active tokens get findings; the list's own "now" is used,
so a table and its exports agree for as long as the list is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from itertools import compress
from operator import attrgetter

from token_desk.api.models import Permission, Token, TokenKind
from token_desk.findings import rules
from token_desk.findings.policy import DEFAULT_POLICY, Policy
from token_desk.findings.rules import Finding, Rule, join_names, plural, time_until

ALL = "*"
_DESCRIPTION = attrgetter("description")
_PERMISSIONS = attrgetter("permissions")


class FindingSet:
    """Per row of a token list: `masks[row]` (0: nothing to say); `findings(row)` spells them out."""

    def __init__(self, tokens: Sequence[Token], active: Sequence[bool], now: datetime | None,
                 policy: Policy = DEFAULT_POLICY, databases: Iterable[str] | None = None) -> None:
        self.tokens = tokens  # shared with the caller's list, which may change row by row (replace/append)
        self.active = active
        self.now = now
        self.policy = policy
        # None: the cluster's databases are not known (not loaded, or the list failed): no missing-database finding.
        self.databases = None if databases is None else frozenset(databases)
        self._permission_bits: dict[int, int] = {}
        self._permission_sets: dict[int, tuple[Permission, ...]] = {}  # keeps each keyed tuple alive
        self._shared: Counter[str] = Counter()
        self.masks: list[int] = []
        if now is not None and tokens:
            self.masks = self._evaluate_all()
        else:
            self.masks = [0] * len(tokens)

    # ---- the one pass ---------------------------------------------------------------------------
    def _evaluate_all(self) -> list[int]:
        tokens, active, now, policy = self.tokens, self.active, self.now, self.policy
        self._count_descriptions()
        shared = self._shared_descriptions()
        bits = self._bits_by_permission_set(map(_PERMISSIONS, tokens))
        management = TokenKind.MANAGEMENT
        soon = now + timedelta(days=policy.expiry_warning_days)
        old_management = now - timedelta(days=policy.management_max_age_days)
        old_database = now - timedelta(days=policy.database_max_age_days)
        never, expires_soon, old = rules.NEVER_EXPIRES.bit, rules.EXPIRES_SOON.bit, rules.OLD.bit
        duplicate, undescribed = rules.DUPLICATE_DESCRIPTION.bit, rules.NO_DESCRIPTION.bit
        # One comprehension, no call per row but id(): see the module's docstring.
        return [
            0 if not is_active else (
                ((never if token.kind is management else 0) if (expires := token.expires_at) is None
                 else expires_soon if expires <= soon else 0)
                | (old if (created := token.created_at) is not None
                   and created <= (old_management if token.kind is management else old_database) else 0)
                | (0 if token.kind is management else bits[id(token.permissions)])
                | (undescribed if not (text := token.description) or text.isspace()
                   else duplicate if text in shared else 0))
            for token, is_active in zip(tokens, active)
        ]

    def _count_descriptions(self) -> None:
        self._shared = Counter(compress(map(_DESCRIPTION, self.tokens), self.active))

    def _shared_descriptions(self) -> frozenset[str]:
        if len(self._shared) == sum(self.active):
            return frozenset()  # every active description is different: the usual case, found in C
        return frozenset(text for text, count in self._shared.items() if count > 1 and text.strip())

    def _bits_by_permission_set(self, permission_sets: Iterable[tuple[Permission, ...]]) -> dict[int, int]:
        """Bits per distinct permission set, keyed by identity: the decoder keeps each repeated set once,
        so thousands of tokens share a handful of tuples (an equal copy just gets its own entry)."""
        distinct = dict(zip(map(id, map(_PERMISSIONS, self.tokens)), permission_sets))
        for key, permissions in distinct.items():
            if key not in self._permission_bits:
                self._permission_sets[key] = permissions
                self._permission_bits[key] = self.permission_bits(permissions)
        return self._permission_bits

    def permission_bits(self, permissions: Sequence[Permission]) -> int:
        if not permissions:
            return rules.NO_PERMISSIONS.bit
        found = 0
        if any(permission.resource == ALL for permission in permissions):
            found |= rules.ALL_DATABASES.bit
        if self.missing_databases(permissions):
            found |= rules.MISSING_DATABASE.bit
        return found

    def missing_databases(self, permissions: Sequence[Permission]) -> list[str]:
        """Databases the permissions name that the cluster does not have, in the token's order. Only `*`
        means every database: a name like "metrics_*" is a name, as the API reads it."""
        if self.databases is None:
            return []
        missing: list[str] = []
        for permission in permissions:
            name = permission.resource
            if name != ALL and name not in self.databases and name not in missing:
                missing.append(name)
        return missing

    # ---- one row --------------------------------------------------------------------------------
    def mask_of(self, token: Token, is_active: bool) -> int:
        """The same bits as the one pass, for one token (a row just replaced or added)."""
        if not is_active or self.now is None:
            return 0
        policy, now = self.policy, self.now
        management = token.kind is TokenKind.MANAGEMENT
        found = 0
        if token.expires_at is None:
            found |= rules.NEVER_EXPIRES.bit if management else 0
        elif token.expires_at <= now + timedelta(days=policy.expiry_warning_days):
            found |= rules.EXPIRES_SOON.bit
        max_age = policy.management_max_age_days if management else policy.database_max_age_days
        if token.created_at is not None and token.created_at <= now - timedelta(days=max_age):
            found |= rules.OLD.bit
        if not management:
            found |= self.permission_bits(token.permissions)
        text = token.description
        if not text or text.isspace():
            found |= rules.NO_DESCRIPTION.bit
        elif self._shared[text] > 1:
            found |= rules.DUPLICATE_DESCRIPTION.bit
        return found

    def replaced(self, row: int, old: Token, was_active: bool) -> bool:
        """Row `row` (in the shared lists already) was `old`; True when other rows' findings changed too
        (a description stopped or started being shared), and the masks were all worked out again."""
        before = self._sharing(old.description)
        if was_active:
            self._shared[old.description] -= 1
        return self._after_change(row, before, old.description)

    def appended(self) -> bool:
        """A token was added at the end of the shared lists; True when other rows' findings changed too."""
        return self._after_change(len(self.tokens) - 1, None, None)

    def _after_change(self, row: int, before_old: bool | None, old_text: str | None) -> bool:
        token = self.tokens[row]
        text = token.description
        before_new = self._sharing(text)
        if self.active[row]:
            self._shared[text] += 1
        if row == len(self.masks):
            self.masks.append(0)
        changed = before_new != self._sharing(text) or (
            old_text is not None and before_old != self._sharing(old_text))
        if changed and self.now is not None:
            self.masks = self._evaluate_all()
            return True
        self.masks[row] = self.mask_of(token, self.active[row])
        return False

    def _sharing(self, text: str) -> bool:
        return bool(text) and not text.isspace() and self._shared[text] > 1

    # ---- in words -------------------------------------------------------------------------------
    def findings(self, row: int) -> tuple[Finding, ...]:
        """Row `row`'s findings, worst first, each with its sentence."""
        mask = self.masks[row]
        if not mask:
            return ()
        token = self.tokens[row]
        return tuple(Finding(rule, self.sentence(rule, token)) for rule in rules.rules_in(mask))

    def flagged(self) -> list[bool]:
        """Per row: has at least one finding (the Needs attention filter)."""
        return list(map(bool, self.masks))

    def count(self) -> int:
        return len(self.masks) - self.masks.count(0)

    def sentence(self, rule: Rule, token: Token) -> str:
        now = self.now
        if rule is rules.NEVER_EXPIRES:
            return "Never expires, with full access to the account."
        if rule is rules.EXPIRES_SOON:
            return f"Expires in {time_until(token.expires_at - now)}."
        if rule is rules.OLD:
            return f"Created {plural((now - token.created_at).days, 'day')} ago; rotate it."
        if rule is rules.ALL_DATABASES:
            return all_databases_sentence(token.permissions)
        if rule is rules.MISSING_DATABASE:
            return missing_database_sentence(self.missing_databases(token.permissions))
        if rule is rules.NO_PERMISSIONS:
            return "Has no permissions; it cannot be used."
        if rule is rules.DUPLICATE_DESCRIPTION:
            return (f"{self._shared[token.description]} active tokens share this description; "
                    "they are hard to tell apart in an incident.")
        return "Has no description."


def all_databases_sentence(permissions: Sequence[Permission]) -> str:
    actions = {permission.action for permission in permissions if permission.resource == ALL}
    ordered = [action for action in ("read", "write") if action in actions] + sorted(actions - {"read", "write"})
    return f"Can {join_names(ordered)} every database, including ones created later."


def missing_database_sentence(names: Sequence[str]) -> str:
    quoted = [f"\u201c{name}\u201d" for name in names]
    if len(names) == 1:
        return f"Grants access to database {quoted[0]}, which no longer exists."
    return f"Grants access to databases {join_names(quoted)}, which no longer exist."


def evaluate(tokens: Sequence[Token], active: Sequence[bool], now: datetime, policy: Policy = DEFAULT_POLICY,
             databases: Iterable[str] | None = None) -> FindingSet:
    return FindingSet(tokens, active, now, policy, databases)
