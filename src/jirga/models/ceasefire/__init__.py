"""The ceasefire model: the commitment problem under a biased mediator.

engine (the simulation), params (inputs from a case), calibration (against the
ETH/PRIO reference class and the case's record), refclass (the shipped Kaplan–Meier
table), result, counterfactuals, scenarios and backtest.
"""
