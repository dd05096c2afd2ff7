"""Claims a case asks to have checked, each against the model quantity it names.

A claim belongs to its case (``claims:`` in the case file): the seed article's thesis is
checked only in the built-in case, because that case lists it — a Colombia case never
sees "the seed article's claim". Each check reads results the analysis already holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jirga.case.schema import Claim, ClaimCheck
from jirga.vocab import format as fmt

if TYPE_CHECKING:
    from jirga.analysis.ceasefire import CeasefireAnalysis


@dataclass
class ClaimVerdict:
    """What the models say about one claim: supported (True), not (False) or untestable (None)."""

    id: str
    text: str
    holds: bool | None
    finding: str
    sensitivity: str = ""
    sources: list[str] = field(default_factory=list)


def _no_step_back(claim: Claim, cfa: CeasefireAnalysis) -> ClaimVerdict:
    c = cfa.scenarios.claim_check(threshold=claim.threshold)
    steady = cfa.steady.claim_check(threshold=claim.threshold)
    sens = ""
    if steady.get("draws_without_step_back"):
        sens = (f"If the group's hope of gains at the table did not fade (talks_decay = 0), "
                f"{fmt.pct(steady['share_renewed_conflict'])} of draws without a step back would "
                f"see renewed conflict and {fmt.pct(steady['frozen_truce_share'])} would be "
                "frozen truces.")
    return ClaimVerdict(claim.id, claim.text, c["holds"], c["text"], sens, list(claim.sources))


def _mediator_lowers(claim: Claim, cfa: CeasefireAnalysis) -> ClaimVerdict:
    cf = cfa.counterfactuals
    if cf is None or "no_mediator" not in cf.runs:
        return ClaimVerdict(claim.id, claim.text, None,
                            "untestable: the truce has no third party to remove", "",
                            list(claim.sources))
    f = cf.to_frame()
    r = f[(f.counterfactual == "no_mediator")
          & (f.measure == "P(breakdown within 180 days)")].iloc[0]
    holds = bool(r.low > 0)
    finding = (f"Without the third parties, P(breakdown within 180 days) changes by "
               f"{fmt.points(r.change)} (90% range {fmt.points(r.low)} to {fmt.points(r.high)}): "
               + ("the mediation lowers the risk in nearly all parameter worlds." if holds else
                  "the models cannot say that the mediation lowers the risk."))
    return ClaimVerdict(claim.id, claim.text, holds, finding, "", list(claim.sources))


def _breakdown_likely(claim: Claim, cfa: CeasefireAnalysis) -> ClaimVerdict:
    p, lo, hi = cfa.result.p_break_within(180)
    holds = bool(p >= claim.threshold)
    finding = (f"P(breakdown within 180 days) is {fmt.pct(p)} ({fmt.pct(lo)}–{fmt.pct(hi)}), "
               f"{fmt.likelihood(p)}; the claim needs at least {fmt.pct(claim.threshold)}.")
    return ClaimVerdict(claim.id, claim.text, holds, finding, "", list(claim.sources))


CHECKS = {ClaimCheck.no_step_back_means_renewed_conflict: _no_step_back,
          ClaimCheck.mediator_lowers_breakdown: _mediator_lowers,
          ClaimCheck.breakdown_within_180_days_likely: _breakdown_likely}


def check_claims(claims: list[Claim], cfa: CeasefireAnalysis) -> list[ClaimVerdict]:
    """A verdict for each of the case's claims, in the order the case lists them."""
    return [CHECKS[c.check](c, cfa) for c in claims]
