"""How a plan is chosen: which credentials it needs, which route for each, which either-or option, which
certificates fill a route, and in what order (prerequisites first). `plan.plan` turns the choices into steps."""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from analysis.i18n import _, money
from analysis.loading.loader import Catalogs
from analysis.loading.schema import (
    ABC_KIND,
    RELEVANCE_ORDER,
    CertificatesCondition,
    Credential,
    CredentialCondition,
    Profile,
    ProgramLength,
    Route,
    prerequisite_ids,
)
from analysis.pathways.rules import Person, RouteStatus, eligibility, route_statuses
from analysis.pathways.steps import GOAL, LABELS


def _fee_value(cred: Credential) -> float | None:
    value = cred.facts.initial_fee.value
    return float(value) if isinstance(value, (int, float)) else None


def order_ids(ids: set[str], rank: dict[str, int], catalogs: Catalogs) -> list[str]:
    """Prerequisites before dependents (from the rules); ties by rank, then catalog order."""
    certificates = [c.id for c in catalogs.credentials.values() if c.kind == ABC_KIND]
    position = {cid: i for i, cid in enumerate(catalogs.credentials)}
    deps = {cid: prerequisite_ids(catalogs.credentials[cid], certificates) & ids for cid in ids}
    heap = [(rank.get(cid, len(RELEVANCE_ORDER)), position[cid], cid) for cid in ids if not deps[cid]]
    heapq.heapify(heap)
    done: list[str] = []
    while heap:
        *_order, cid = heapq.heappop(heap)
        done.append(cid)
        for other in ids:
            if cid in deps[other]:
                deps[other].discard(cid)
                if not deps[other]:
                    heapq.heappush(heap, (rank.get(other, len(RELEVANCE_ORDER)), position[other], other))
    if len(done) != len(ids):  # pragma: no cover - the catalog validator rejects cycles
        raise ValueError("credential rules form a cycle")
    return done


class Planner:
    """Builds the set of steps; one instance per plan() call."""

    def __init__(
        self,
        person: Person,
        target: Profile,
        catalogs: Catalogs,
        lengths: tuple[ProgramLength, ...],
        include_helpful: bool,
        goals: Iterable[str],
        current_uses: Iterable[str] = (),
    ):
        self.person, self.target, self.cat, self.lengths = person, target, catalogs, lengths
        self.uses = {u.id: u.relevance for u in target.credentials if u.id in catalogs.credentials}
        self.wanted = RELEVANCE_ORDER if include_helpful else RELEVANCE_ORDER[:3]
        self.goals = [g for g in goals if g in catalogs.credentials]
        self.why: dict[str, str] = {}
        self.rank: dict[str, int] = {}
        self.relevance: dict[str, str | None] = {}
        self.alternatives: dict[str, list[str]] = {}  # either-or step (keyed by its counted option) -> the others
        self.route: dict[str, tuple[Route, str]] = {}
        self.choices: list[str] = []
        self.covered: set[str] = set()
        self.certificates = [c.id for c in catalogs.credentials.values() if c.kind == ABC_KIND]
        self.current_uses = set(current_uses)  # what the person's own setting lists

    # --- what the setting asks for ------------------------------------------------------------

    def groups(self) -> list[list[str]]:
        """Either-or groups the target setting accepts: equivalence members it lists (two or more)."""
        out = []
        for eq in self.cat.equivalences:
            listed = [m for m in eq.members if m in self.uses]
            if len(listed) >= 2:
                out.append(listed)
        return out

    def _rank_of(self, relevance: str | None) -> int:
        if relevance in RELEVANCE_ORDER:
            return RELEVANCE_ORDER.index(relevance)
        return len(RELEVANCE_ORDER)  # goals and prerequisites the setting does not list come after

    def add(self, cid: str, why: str, relevance: str | None, rank: int) -> None:
        if cid in self.person.held:
            return
        if cid in self.rank:
            self.rank[cid] = min(self.rank[cid], rank)
            return
        self.why[cid], self.relevance[cid], self.rank[cid] = why, relevance, rank

    def seed(self) -> None:
        grouped = {m for g in self.groups() for m in g}
        for group in self.groups():
            relevances = [self.uses[m] for m in group]
            if any(m in self.person.held for m in group):
                self.covered |= {m for m in group if m not in self.person.held}
                continue
            if not any(r in self.wanted for r in relevances):
                continue
            best = min(
                group,
                key=lambda m: (
                    self._rank_of(self.uses[m]),
                    _fee_value(self.cat.credentials[m]) is None,
                    list(self.cat.credentials).index(m),
                ),
            )
            self.add(best, self._listed(self.uses[best]), self.uses[best], self._rank_of(self.uses[best]))
            self.alternatives[best] = [m for m in group if m != best]
            names = _(" or ").join(self.cat.credentials[m].short_name for m in [best, *self.alternatives[best]])
            self.choices.append(
                _(
                    "{setting} accepts either {names}: one step, both shown. The fee total counts the {credential}."
                ).format(setting=self.target.short_name, names=names, credential=self.cat.credentials[best].short_name)
            )
        for cid, relevance in self.uses.items():
            if cid in grouped or relevance not in self.wanted:
                continue
            self.add(cid, self._listed(relevance), relevance, self._rank_of(relevance))
        for cid in self.goals:
            if cid not in self.rank and cid not in self.covered:
                self.add(cid, _(LABELS[GOAL]), GOAL, self._rank_of(self.uses.get(cid)))

    def _listed(self, relevance: str) -> str:
        """'commonly required in Hospital'."""
        return _("{relevance} in {setting}").format(relevance=_(LABELS[relevance]), setting=self.target.short_name)

    # --- routes -------------------------------------------------------------------------------

    def _planned_certificates(self) -> list[str]:
        return [c for c in self.certificates if c in self.person.held or c in self.rank]

    def _route_cost(self, route: Route) -> tuple[float, int]:
        """Known fees of what the route still adds to the plan, and how many of those fees are unpublished."""
        cost, unknown = 0.0, 0
        for cond in route.all_of:
            if (
                isinstance(cond, CredentialCondition)
                and cond.credential not in self.person.held
                and cond.credential not in self.rank
            ):
                fee = _fee_value(self.cat.credentials[cond.credential])
                cost, unknown = (cost + fee, unknown) if fee is not None else (cost, unknown + 1)
            if isinstance(cond, CertificatesCondition):
                more = max(0, cond.certificates - len(self._planned_certificates()))
                fees = sorted(
                    f for f in (_fee_value(self.cat.credentials[c]) for c in self.certificates) if f is not None
                )
                cost += sum(fees[:more])
        return cost, unknown

    def choose_route(self, cred: Credential) -> Route:
        statuses = route_statuses(cred, self.person, self.cat, self.lengths)
        options: list[tuple[tuple, Route, RouteStatus, float]] = []
        for i, (route, status) in enumerate(zip(cred.requires.any_of, statuses, strict=False)):
            cost, unknown = self._route_cost(route)
            experience = max((g.months for g in status.gaps), default=0.0)
            options.append(((unknown, cost, experience, len(status.gaps), i), route, status, cost))
        options.sort(key=lambda o: o[0])
        _key, route, status, cost = options[0]
        reason = ""
        others = options[1:]
        if others and status.met:
            reason = _("you already meet the {route}").format(route=route.label)
        elif any(o[3] != cost for o in others):
            against = "; ".join(_("{fees} by the {route}").format(fees=money(o[3]), route=o[1].label) for o in others)
            reason = _("{fees} in fees for what you still need, against {others}").format(
                fees=money(cost), others=against
            )
        elif any(round(o[2].months) != round(status.months) for o in others):
            against = "; ".join(
                _("{months} by the {route}").format(months=f"{o[2].months:.0f}", route=o[1].label) for o in others
            )
            reason = _("the same fees either way, and the shorter: about {months} months against {others}").format(
                months=f"{status.months:.0f}", others=against
            )
        if reason:
            self.choices.append(
                _("{credential}: chose the {route} ({reason}).").format(
                    credential=cred.short_name, route=route.label, reason=reason
                )
            )
        self.route[cred.id] = (route, reason)
        return route

    def _pick_certificates(self, n: int, for_cred: Credential, route: Route) -> None:
        have = self._planned_certificates()
        candidates = [c for c in self.certificates if c not in have]

        def key(cid: str) -> tuple:
            listed = self._rank_of(self.uses.get(cid))
            ready = eligibility(cid, self.person, self.cat, self.lengths).eligible
            return (listed, cid not in self.current_uses, not ready, self.certificates.index(cid))

        for cid in sorted(candidates, key=key)[: max(0, n - len(have))]:
            listed = self.uses.get(cid)
            extra = f"; {self._listed(listed)}" if listed else ""
            self.add(
                cid,
                _("counts toward {credential} ({route}){extra}").format(
                    credential=for_cred.short_name, route=route.label, extra=extra
                ),
                listed,
                self.rank[for_cred.id],
            )

    def resolve(self, cid: str) -> None:
        cred = self.cat.credentials[cid]
        route = self.choose_route(cred)
        for cond in route.all_of:
            if isinstance(cond, CredentialCondition):
                pre = cond.credential
                self._collapse_either_or(pre, cred)
                self.add(
                    pre,
                    _("needed first for {credential}").format(credential=cred.short_name),
                    self.uses.get(pre),
                    self.rank[cid],
                )
            elif isinstance(cond, CertificatesCondition):
                self._pick_certificates(cond.certificates, cred, route)

    def _collapse_either_or(self, needed: str, by: Credential) -> None:
        """A rule naming one option of an either-or step decides it (CSPT needs the CPhT, not the ExCPT)."""
        for head, others in list(self.alternatives.items()):
            if needed == head or needed in others:
                names = ", ".join(self.cat.credentials[o].short_name for o in [head, *others] if o != needed)
                self.choices.append(
                    _("{credential} needs an active {needed}, so the {others} would not do here.").format(
                        credential=by.short_name, needed=self.cat.credentials[needed].short_name, others=names
                    )
                )
                if needed != head:
                    for key in ("why", "relevance", "rank"):
                        getattr(self, key)[needed] = getattr(self, key).pop(head)
                del self.alternatives[head]

    def run(self) -> None:
        self.seed()
        done: set[str] = set()
        while True:
            todo = [c for c in self.rank if c not in done]
            if not todo:
                return
            plain = [c for c in todo if not self.cat.credentials[c].requires.needs_certificates()]
            cid = (plain or todo)[0]
            done.add(cid)
            self.resolve(cid)
