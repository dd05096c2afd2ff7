"""The compromise model (capability × salience-weighted mean of positions): the baseline the
expected-utility and spatial forecasts are judged against.

``from jirga.models.compromise import run_compromise, CompromiseInput, CompromiseResult``.
"""

from jirga.models.compromise.engine import CompromiseInput, compromise, weight_shares
from jirga.models.compromise.result import CompromiseResult, IssueCompromise, run_compromise

__all__ = ["CompromiseInput", "CompromiseResult", "IssueCompromise", "compromise",
           "run_compromise", "weight_shares"]
