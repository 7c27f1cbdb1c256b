"""Findings for a whole token list in one pass, cheap enough to run with every load.

A row's findings are one small int (a bit per rule) worked out by a single comprehension: at
100,000 tokens a function call per token, or a Finding object per token, would cost more than
the rest of preparing the rows. Sentences are written only when someone reads them (a tooltip,
the Details dialog, an export). Only active tokens get findings; the list's own "now" is used,
so a table and its exports agree for as long as the list is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from itertools import compress
from operator import attrgetter

import msgspec

from token_desk.api.models import Permission, Token, TokenKind
from token_desk.findings import rules
from token_desk.findings.policy import DEFAULT_POLICY, Policy
from token_desk.findings.rules import Finding, Rule, join_names, plural, time_until

ALL = "*"
_DESCRIPTION = attrgetter("description")
_CLUSTER_AND_DESCRIPTION = attrgetter("cluster", "description")
_KIND = attrgetter("kind")
_PERMISSIONS = attrgetter("permissions")


class SharedDescriptions(msgspec.Struct, frozen=True):
    """Descriptions that several active tokens of a list share, counted off the GUI thread."""

    counts: dict  # description (a joined list: (cluster, description)) -> how many active tokens use it (2+)
    rows: list[int]  # the active rows with one of those descriptions
    changes: int  # the FindingSet's change count when counted (a later change means counting again)


class FindingSet:
    """Per row of a token list: `masks[row]` (0: nothing to say); `findings(row)` spells them out.

    Shared descriptions need every description hashed, which costs more than all the other rules
    together (100,000 strings into a table): the list is shown first, without them, and
    `count_shared()` runs on a worker right after; `apply_shared()` adds them (see TokenPage).

    A list joined from several clusters' lists (All clusters) passes `databases` per cluster (a token's
    `cluster` → its cluster's databases) and the masks its parts already worked out: each token is checked
    against its own cluster's databases, and a description is shared only by tokens of one cluster (the
    Cluster column tells tokens of different clusters apart).
    """

    def __init__(self, tokens: Sequence[Token], active: Sequence[bool], now: datetime | None,
                 policy: Policy = DEFAULT_POLICY,
                 databases: Iterable[str] | Mapping[object, frozenset[str] | None] | None = None, *,
                 masks: list[int] | None = None) -> None:
        self.tokens = tokens  # shared with the caller's list, which may change row by row (replace/append)
        self.active = active
        self.now = now
        self.policy = policy
        # None: the cluster's databases are not known (not loaded, or the list failed): no missing-database finding.
        self.by_cluster: dict[object, frozenset[str] | None] | None = None
        if isinstance(databases, Mapping):
            self.databases = None
            self.by_cluster = {cluster: None if names is None else frozenset(names)
                               for cluster, names in databases.items()}
        else:
            self.databases = None if databases is None else frozenset(databases)
        self._shared_key = _DESCRIPTION if self.by_cluster is None else _CLUSTER_AND_DESCRIPTION
        self.shared: dict | None = None  # None until counted (see count_shared)
        self.changes = 0  # rows replaced or added since the list was made
        self._permission_bits: dict[int, int] = {}
        self._permission_sets: dict[int, tuple[Permission, ...]] = {}  # keeps each keyed tuple alive
        if masks is None:
            masks = self._evaluate_all() if now is not None and tokens else [0] * len(tokens)
        self.masks: list[int] = masks

    def under(self, policy: Policy) -> FindingSet:
        """The same list's findings worked out again under other numbers (Preferences → Policy)."""
        return FindingSet(self.tokens, self.active, self.now, policy,
                          self.by_cluster if self.by_cluster is not None else self.databases)

    # ---- the one pass ---------------------------------------------------------------------------
    def _evaluate_all(self) -> list[int]:
        tokens, active, now, policy = self.tokens, self.active, self.now, self.policy
        soon = now + timedelta(days=policy.expiry_warning_days)
        old_management = now - timedelta(days=policy.management_max_age_days)
        old_database = now - timedelta(days=policy.database_max_age_days)
        expires_soon, old, undescribed = rules.EXPIRES_SOON.bit, rules.OLD.bit, rules.NO_DESCRIPTION.bit
        bits, learn = self._permission_bits, self._learn_permissions
        kinds = list(map(_KIND, tokens))
        # A list of one kind and one cluster, as the API serves them:
        if self.by_cluster is None and kinds.count(TokenKind.DATABASE) == len(kinds):
            # One comprehension, no Python-level call per row (id() and str.isspace() run in C).
            return [
                0 if not is_active else (
                    (expires_soon if (expires := token.expires_at) is not None and expires <= soon else 0)
                    | (old if (created := token.created_at) is not None and created <= old_database else 0)
                    | (bits[key] if (key := id(permissions := token.permissions)) in bits
                       else learn(key, permissions))
                    | (undescribed if not (text := token.description) or text.isspace() else 0))
                for token, is_active in zip(tokens, active)
            ]
        if kinds.count(TokenKind.MANAGEMENT) == len(kinds):
            never = rules.NEVER_EXPIRES.bit
            return [
                0 if not is_active else (
                    (never if (expires := token.expires_at) is None else expires_soon if expires <= soon else 0)
                    | (old if (created := token.created_at) is not None and created <= old_management else 0)
                    | (undescribed if not (text := token.description) or text.isspace() else 0))
                for token, is_active in zip(tokens, active)
            ]
        return [self.mask_of(token, is_active) for token, is_active in zip(tokens, active)]  # mixed: rare

    def _learn_permissions(self, key: int, permissions: tuple[Permission, ...]) -> int:
        """Bits for a permission set first seen, kept by identity: the decoder keeps each repeated set once,
        so thousands of tokens share a handful of tuples (an equal copy just gets its own entry)."""
        self._permission_sets[key] = permissions
        found = self._permission_bits[key] = self.permission_bits(permissions, self.databases)
        return found

    def permission_bits(self, permissions: Sequence[Permission], databases: frozenset[str] | None) -> int:
        if not permissions:
            return rules.NO_PERMISSIONS.bit
        found = 0
        if any(permission.resource == ALL for permission in permissions):
            found |= rules.ALL_DATABASES.bit
        if missing_databases(permissions, databases):
            found |= rules.MISSING_DATABASE.bit
        return found

    def databases_of(self, token: Token) -> frozenset[str] | None:
        """The databases of the token's cluster (None: not known)."""
        return self.databases if self.by_cluster is None else self.by_cluster.get(token.cluster)

    # ---- shared descriptions ----------------------------------------------------------------------
    def count_shared(self) -> SharedDescriptions:
        """Which descriptions several active tokens share; reads only, so it may run on a worker."""
        changes, tokens, active = self.changes, self.tokens, self.active
        key = self._shared_key
        counter = Counter(compress(map(key, tokens), active))
        if len(counter) == sum(active):
            return SharedDescriptions({}, [], changes)  # every active description differs: the usual case
        counts = {shared: count for shared, count in counter.items() if count > 1 and _text_of(shared).strip()}
        rows = [row for row, (token, is_active) in enumerate(zip(tokens, active))
                if is_active and key(token) in counts] if counts else []
        return SharedDescriptions(counts, rows, changes)

    def apply_shared(self, shared: SharedDescriptions) -> list[int]:
        """Add the duplicate-description finding; returns the rows it changed. Counted before a row was
        replaced or added, it is counted again here."""
        if shared.changes != self.changes:
            shared = self.count_shared()
        self.shared = dict(shared.counts)
        duplicate = rules.DUPLICATE_DESCRIPTION.bit
        masks = self.masks
        for row in shared.rows:
            masks[row] |= duplicate
        return list(shared.rows)

    def _recount(self, shared_key) -> list[int]:
        """After a row changed: the active rows described as `shared_key` says, their duplicate bit set or
        cleared."""
        text = _text_of(shared_key)
        if self.shared is None or not text or text.isspace():
            return []
        key = self._shared_key
        rows = [row for row, (token, is_active) in enumerate(zip(self.tokens, self.active))
                if is_active and key(token) == shared_key]
        duplicate, masks = rules.DUPLICATE_DESCRIPTION.bit, self.masks
        if len(rows) > 1:
            self.shared[shared_key] = len(rows)
            for row in rows:
                masks[row] |= duplicate
        else:
            self.shared.pop(shared_key, None)
            for row in rows:
                masks[row] &= ~duplicate
        return rows

    # ---- one row --------------------------------------------------------------------------------
    def mask_of(self, token: Token, is_active: bool) -> int:
        """The bits of the one pass (all but a shared description), for one token."""
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
            found |= self.permission_bits(token.permissions, self.databases_of(token))
        if not token.description or token.description.isspace():
            found |= rules.NO_DESCRIPTION.bit
        return found

    def replaced(self, row: int, old: Token) -> list[int]:
        """Row `row` (in the shared lists already) was `old`; returns the other rows whose findings changed
        (a description stopped or started being shared)."""
        return self._after_change(row, self._shared_key(old))

    def appended(self) -> list[int]:
        """A token was added at the end of the shared lists; returns the other rows whose findings changed."""
        self.masks.append(0)
        return self._after_change(len(self.tokens) - 1, None)

    def _after_change(self, row: int, old_key) -> list[int]:
        self.changes += 1
        self.masks[row] = self.mask_of(self.tokens[row], self.active[row])
        key = self._shared_key(self.tokens[row])
        touched = set(self._recount(key))
        if old_key is not None and old_key != key:
            touched.update(self._recount(old_key))
        touched.discard(row)
        return sorted(touched)

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
            return missing_database_sentence(missing_databases(token.permissions, self.databases_of(token)))
        if rule is rules.NO_PERMISSIONS:
            return "Has no permissions; it cannot be used."
        if rule is rules.DUPLICATE_DESCRIPTION:
            return (f"{(self.shared or {}).get(self._shared_key(token), 2)} active tokens share this description; "
                    "they are hard to tell apart in an incident.")
        return "Has no description."


def _text_of(shared_key) -> str:
    """The description in a key of `FindingSet.shared` (a joined list's keys are (cluster, description))."""
    return shared_key[1] if isinstance(shared_key, tuple) else shared_key


def missing_databases(permissions: Sequence[Permission], databases: frozenset[str] | None) -> list[str]:
    """Databases the permissions name that the cluster does not have, in the token's order. Only `*`
    means every database: a name like "metrics_*" is a name, as the API reads it."""
    if databases is None:
        return []
    missing: list[str] = []
    for permission in permissions:
        name = permission.resource
        if name is not None and name != ALL and name not in databases and name not in missing:
            missing.append(name)
    return missing


def all_databases_sentence(permissions: Sequence[Permission]) -> str:
    """What the token can do on every database; a permission there without its action is said to be one, never
    read as reading or writing."""
    actions = {permission.action for permission in permissions if permission.resource == ALL}
    named = actions - {None}
    ordered = [action for action in ("read", "write") if action in named] + sorted(named - {"read", "write"})
    if not ordered:
        return "Has a permission on every database, including ones created later, without its action."
    unnamed = " It also has a permission on every database without its action." if None in actions else ""
    return f"Can {join_names(ordered)} every database, including ones created later.{unnamed}"


def missing_database_sentence(names: Sequence[str]) -> str:
    quoted = [f"\u201c{name}\u201d" for name in names]
    if len(names) == 1:
        return f"Grants access to database {quoted[0]}, which no longer exists."
    return f"Grants access to databases {join_names(quoted)}, which no longer exist."


def evaluate(tokens: Sequence[Token], active: Sequence[bool], now: datetime, policy: Policy = DEFAULT_POLICY,
             databases: Iterable[str] | None = None) -> FindingSet:
    """Every finding of a list at once, shared descriptions included (for small lists, and tests)."""
    found = FindingSet(tokens, active, now, policy, databases)
    found.apply_shared(found.count_shared())
    return found
