"""The verb-pattern dictionary: phrases → CAMEO codes, in the manner of PETRARCH.

Written for jirga (not copied from PETRARCH's dictionaries). Each entry is
``(code, kind, pattern)``:

- ``V``  a verb phrase; the source is its subject (left), the target its object (right);
  passive forms ("was attacked by X") swap them;
- ``S``  a symmetric verb ("met", "clashed", "held talks"): "A and B met" gives A → B;
- ``N``  an event noun ("attack", "talks", "operation"); the source is its possessor or
  modifier ("the TTP's attacks", "the TTP attack", "its operations"), an agent ("by X"),
  or the subject of a light verb ("carried out an attack", "held talks");
- ``P``  a passive agreement phrase ("a ceasefire was signed between A and B");
- ``M``  a mediation phrase ("under the mediation of X", "brokered by X"): X mediates
  between the parties of the event it qualifies;
- ``A``  an adjectival mediation ("Chinese-brokered talks", "UN-brokered truce"): the
  mediator is the word before the hyphen.

Patterns are regular expressions over the sentence (case-insensitive); macros in
braces expand first. Entries earlier in the list win where two start at the same
word, so the specific phrases come before the general ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jirga.events._fastre import DispatchMatcher


def v(base: str, *irregular: str) -> str:
    """All inflections of a regular verb plus irregular forms: v("attack") →
    attack|attacks|attacked|attacking."""
    if base.endswith("e"):
        forms = [base, base + "s", base + "d", base[:-1] + "ing"]
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms = [base, base + "es", base + "ed", base + "ing"]
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms = [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    else:
        forms = [base, base + "s", base + "ed", base + "ing"]
    forms += irregular
    return "(?:" + "|".join(sorted(set(forms), key=len, reverse=True)) + ")"


MACROS = {
    "CF": r"(?:cease-?fire|truce|armistice)(?:\s+(?:agreement|deal|accord|pact|arrangement))?",
    "TALKS": r"(?:peace\s+talks|talks|negotiations|dialogue|peace\s+process|discussions|"
             r"negotiating\s+process|parleys)",
    "AGR": r"(?:(?:peace\s+|formal\s+|ceasefire\s+|security\s+|bilateral\s+)?(?:agreement|deal|"
           r"accord|pact|treaty|memorandum\s+of\s+understanding|MoU))",
    "THE": r"(?:(?:the|a|an|its|their|his|her|this|that)\s+)?",
    "ADJ": r"(?:[\w-]+\s+){0,2}?",
    "ATTACKN": r"(?:attacks?|assaults?|raids?|ambush(?:es)?|offensives?|strikes?|"
               r"operations?|offensive|incursions?|onslaught)",
}

# (code, kind, pattern)
ENTRIES: list[tuple[str, str, str]] = [
    # ---- 19x / 196: ceasefire violations, ending a truce
    ("196", "V", v("withdraw", "withdrew", "withdrawn") + r"\s+from\s+{THE}{ADJ}{CF}"),
    ("196", "V", r"(?:" + v("end") + "|" + v("call") + r"\s+off|" + v("break", "broke", "broken")
     + "|" + v("violate") + "|" + v("abandon") + "|" + v("scrap") + "|" + v("revoke") + "|"
     + v("terminate") + "|" + v("breach") + "|" + v("renounce") + r")\s+{THE}{ADJ}{CF}"),
    ("196", "V", r"(?:pulled|pulls|pulling|pull)\s+out\s+of\s+{THE}{ADJ}{CF}"),
    ("196", "N", r"(?:violations?|breach(?:es)?|breaking|end(?:ing)?)\s+of\s+{THE}{CF}"),
    ("196", "N", r"(?:an\s+|the\s+)?end\s+to\s+{THE}{ADJ}{CF}"),
    ("196", "V", r"{CF}\s+(?:was|were|has\s+been|had\s+been|is\s+being)\s+(?:\w+ly\s+)?"
     r"(?:broken|violated|ended|called\s+off|scrapped|breached|abandoned)"),
    # ---- 0871: ceasefire agreed/declared
    ("0871", "P", r"{CF}\s+(?:was|were|has\s+been|had\s+been|is|is\s+being)\s+(?:\w+ly\s+)?"
     r"(?:signed|agreed(?:\s+(?:on|upon))?|reached|declared|announced|brokered|concluded|"
     r"struck|extended)"),
    ("0871", "S", r"(?:" + v("sign") + "|" + v("agree") + r"\s+(?:to|on|upon)|" + v("reach")
     + "|" + v("declare") + "|" + v("announce") + "|" + v("conclude") + "|"
     + v("strike", "struck") + "|" + v("extend") + "|" + v("observe") + "|" + v("accept")
     + "|" + v("renew") + "|" + v("prolong") + "|" + v("agree") + r"\s+to\s+(?:renew|extend)"
     + r")\s+{THE}{ADJ}{CF}"),
    ("0871", "S", r"(?:" + v("agree") + r"\s+(?:to\s+)?(?:a\s+|the\s+)?(?:cease|halt|stop)\s+"
     r"(?:hostilities|fighting)|" + v("agree") + r"\s+(?:on|to)\s+(?:a\s+|the\s+)?(?:permanent\s+)?"
     r"cessation\s+of\s+hostilities)"),
    ("0871", "N", r"(?:{CF})\s+(?:between|with)"),
    ("0871", "P", r"{CF}\s+(?:agreed|reached|brokered|signed|struck)(?=\s+(?:on|in|last|earlier|"
     r"this|by|between|at)\b)"),
    # ---- 045 mediation
    ("045", "M", r"(?:under|with|through)\s+(?:the\s+)?(?:mediation|auspices|facilitation|"
     r"help|assistance|good\s+offices)\s+of"),
    ("045", "M", r"(?:mediated|brokered|facilitated|hosted|arranged)\s+by"),
    ("045", "A", r"[\w.]+-(?:brokered|mediated|facilitated|sponsored)(?=\s+(?:[\w-]+\s+){0,3}?"
     r"(?:{TALKS}|{CF}|{AGR}|meeting|round))"),
    ("045", "V", v("mediate")),
    ("045", "V", r"(?:" + v("act") + "|" + v("serve") + r")\s+as\s+{THE}{ADJ}(?:mediators?|"
     r"facilitators?|go-betweens?|intermediar(?:y|ies)|guarantors?)"),
    ("045", "N", r"(?:mediators?|go-betweens?)\s+between"),
    ("045", "V", r"(?:" + v("broker") + "|" + v("facilitate") + r")\s+{THE}{ADJ}(?:{TALKS}|{CF}|"
     r"{AGR}|meeting)"),
    ("045", "N", r"(?:mediation|mediating\s+role)\s+between"),
    # ---- 057 sign agreement
    ("057", "P", r"{AGR}\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:signed|reached|"
     r"concluded|struck|agreed)"),
    ("057", "S", r"(?:" + v("sign") + "|" + v("reach") + "|" + v("conclude") + "|"
     + v("strike", "struck") + "|" + v("seal") + r")\s+{THE}{ADJ}{AGR}"),
    # ---- 127 / 125 / 126 / 12x reject
    ("127", "V", r"(?:" + v("withdraw", "withdrew", "withdrawn") + r"\s+from|" + v("reject")
     + "|" + v("scrap") + "|" + v("abandon") + "|" + v("repudiate") + r")\s+{THE}{ADJ}{AGR}"),
    ("164", "V", r"(?:" + v("suspend") + "|" + v("halt") + "|" + v("call") + r"\s+off|"
     + v("break", "broke", "broken") + r"\s+off|" + v("end") + "|" + v("abandon") + "|"
     + v("withdraw", "withdrew", "withdrawn") + r"\s+from|" + v("walk") + r"\s+out\s+of)\s+"
     r"{THE}{ADJ}{TALKS}"),
    ("164", "P", r"{TALKS}\s+(?:have\s+|had\s+)?(?:broke(?:n)?\s+down|collapsed|stalled|"
     r"failed|fell\s+apart|were\s+(?:suspended|called\s+off|halted))"),
    ("125", "V", v("reject") + r"\s+{THE}{ADJ}(?:{TALKS}|offer\s+of\s+talks|invitation|proposal"
     r"\s+(?:for|to)\s+(?:talks|negotiat\w+|meet))"),
    ("126", "V", v("reject") + r"\s+{THE}{ADJ}mediation"),
    ("1246", "V", v("refuse") + r"\s+to\s+(?:lay\s+down|give\s+up|surrender|disarm|de-?escalate|"
     r"stop\s+fighting|extend\s+(?:the\s+{CF}|it|the\s+truce))"),
    ("123", "V", v("reject") + r"\s+{THE}{ADJ}(?:demands?|requests?|calls?)\s+(?:for|to)"),
    ("120", "V", r"(?:" + v("reject") + "|" + v("refuse") + "|" + v("rebuff") + "|"
     + v("dismiss") + r")"),
    ("120", "N", r"rejection\s+of"),
    # ---- 04 consult
    ("046", "S", r"(?:" + v("hold", "held") + "|" + v("resume") + "|" + v("start") + "|"
     + v("begin", "began", "begun") + "|" + v("open") + "|" + v("conduct") + "|"
     + v("engage") + r"\s+in|" + v("enter") + r"(?:\s+into)?|" + v("launch") + ")"
     r"\s+{THE}{ADJ}(?:{TALKS}|negotiating\s+round|round\s+of\s+talks)"),
    ("046", "P", r"{TALKS}\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:held|"
     r"resumed|conducted|opened|launched)"),
    ("046", "P", r"{TALKS}\s+(?:(?:took|take|takes|have\s+taken|had\s+taken)\s+place|"
     r"(?:began|begun|started|opened|resumed|reopened|restarted|kicked\s+off|got\s+under\s*way)"
     r"(?!\s+(?:to|on)\b))"),
    ("046", "S", r"(?:was|were|is|are|been|be|remain(?:s|ed)?)\s+in\s+(?:\w+\s+)?{TALKS}"
     r"\s+with"),
    ("046", "S", v("negotiate") + r"\s+with"),
    ("046", "S", v("negotiate")),
    ("046", "N", r"(?:{TALKS})\s+(?:with|between)"),
    ("045", "V", v("host") + r"\s+{THE}{ADJ}{TALKS}"),
    ("043", "V", r"(?:" + v("host") + "|" + v("receive", "received") + "|" + v("welcome")
     + r")\s+{THE}{ADJ}(?:delegation|visit|envoy|team|minister|leaders?)"),
    ("043", "V", v("host") + r"\s+{THE}{ADJ}(?:[\w-]+\s+){0,3}?(?:conference|summit|meeting|"
     r"round|dialogue|forum)"),
    ("042", "V", v("visit")),
    ("042", "V", r"(?:" + v("travel", "travelled", "travelling") + r"\s+to|" + v("arrive")
     + r"\s+in|" + v("fly", "flew", "flown") + r"\s+to|" + v("pay", "paid")
     + r"\s+{THE}{ADJ}visit\s+to)"),
    ("042", "N", r"visit\s+(?:to|of)"),
    ("041", "S", r"(?:" + v("telephone") + "|" + v("phone") + "|" + v("speak", "spoke", "spoken")
     + r"\s+(?:by\s+(?:tele)?phone|on\s+the\s+(?:tele)?phone)\s+with|held\s+a\s+(?:tele)?phone"
     r"\s+(?:call|conversation)\s+with)"),
    ("040", "S", v("talk") + r"\s+(?:to|with)"),
    ("040", "S", v("meet", "met") + r"(?:\s+with)?"),
    ("040", "S", r"(?:" + v("hold", "held") + "|" + v("have", "had") + ")"
     r"\s+{THE}{ADJ}(?:meetings?|consultations?)(?:\s+with)?"),
    ("040", "N", r"meetings?\s+(?:with|between)"),
    ("040", "S", r"(?:" + v("consult") + "|" + v("confer") + r")\s+with"),
    ("040", "S", v("discuss") + r"\s+{THE}{ADJ}(?:\w+\s+){0,3}with"),
    # ---- 03 intent / 02 appeal / 01 statements
    ("036", "V", r"(?:" + v("offer") + "|" + v("agree") + "|" + v("propose") + "|"
     + v("express") + r"\s+(?:willingness|readiness)|" + v("signal") + r"\s+(?:willingness|"
     r"readiness))\s+to\s+(?:hold\s+talks|talk|negotiate|meet|resume\s+(?:the\s+)?talks)"),
    ("030", "V", r"(?:" + v("stress") + "|" + v("emphasi[sz]e") + "|" + v("underline") + "|"
     + v("underscore") + "|" + v("highlight") + "|" + v("call") + r"\s+for|" + v("urge")
     + r")\s+{THE}(?:need|importance|necessity)\s+(?:for|of)\s+(?:\w+\s+){0,2}?"
     r"(?:cooperation|cooperating|working|engagement|engaging|dialogue|coordination)\s+with"),
    ("036", "V", v("offer") + r"\s+{THE}{ADJ}(?:peace\s+)?(?:talks|negotiations|dialogue)"),
    ("0356", "V", r"(?:ready|willing|prepared|readiness|willingness)\s+(?:for|to\s+(?:accept|"
     r"observe|agree\s+to|declare|sign))\s+{THE}{ADJ}{CF}"),
    ("038", "V", v("accept") + r"\s+{THE}{ADJ}(?:invitation|mediation|offer\s+to\s+mediate|"
     r"(?:\w+\s+)?mediator)"),
    ("026", "V", v("call") + r"\s+for\s+{THE}{ADJ}(?:talks|negotiations|dialogue|a\s+political"
     r"\s+solution)"),
    ("030", "V", r"(?:" + v("pledge") + "|" + v("vow") + "|" + v("promise") + "|" + v("offer")
     + r")\s+(?:to\s+)?(?:cooperat\w+|support|help|assist\w*)"),
    ("032", "V", v("express") + r"\s+(?:its\s+|their\s+|his\s+|her\s+)?support\s+for"),
    ("026", "V", r"(?:" + v("urge") + "|" + v("call") + r"\s+(?:on|upon)|" + v("appeal")
     + r"\s+to|" + v("ask") + r")\s+{THE}{ADJ}(?:\w+\s+){0,4}?to\s+(?:hold\s+talks|talk|"
     r"negotiate|resume\s+(?:the\s+|peace\s+)?(?:talks|negotiations|dialogue)|"
     r"return\s+to\s+(?:the\s+)?(?:negotiating\s+table|talks))"),
    ("0256", "V", r"(?:" + v("urge") + "|" + v("call") + r"\s+(?:on|upon)|" + v("appeal")
     + r"\s+to|" + v("ask") + r")\s+{THE}{ADJ}(?:\w+\s+){0,4}?to\s+(?:end|stop|halt|cease|"
     r"respect|observe|extend)"),
    # calling for a truce is an appeal to de-escalate (0256); demanding one a demand (107)
    ("0256", "V", r"(?:" + v("call") + r"\s+for|" + v("urge") + "|" + v("appeal") + r"\s+for|"
     + v("push") + r"\s+for|" + v("press") + r"\s+for)\s+{THE}{ADJ}(?:{CF}|de-?escalation|"
     r"restraint|an?\s+end\s+to\s+(?:the\s+)?(?:fighting|violence|hostilities|war))"),
    ("107", "V", v("demand") + r"\s+{THE}{ADJ}{CF}"),
    ("106", "V", v("demand") + r"\s+{THE}{ADJ}(?:withdrawal|pull-?out|removal)"),
    ("1053", "V", v("demand") + r"\s+{THE}{ADJ}release"),
    ("100", "V", r"(?:" + v("demand") + "|" + v("insist") + r"\s+on)"),
    ("020", "V", r"(?:" + v("urge") + "|" + v("call") + r"\s+(?:on|upon)|" + v("appeal")
     + r"\s+to)"),
    ("051", "V", r"(?:" + v("praise") + "|" + v("commend") + "|" + v("hail") + "|" + v("laud")
     + "|" + v("applaud") + "|" + v("endorse") + "|" + v("thank") + "|" + v("express")
     + r"\s+(?:\w+\s+)?(?:gratitude|appreciation|thanks)\s+(?:to|for))"),
    ("026", "V", v("invite") + r"\s+{THE}{ADJ}(?:[\w-]+\s+){0,4}?to\s+(?:{TALKS}|"
     r"(?:\w+\s+)?(?:peace\s+)?(?:talks|negotiations)|"
     r"the\s+(?:negotiating\s+)?table|a\s+(?:meeting|round))"),
    ("028", "V", v("invite") + r"\s+(?:[\w-]+,?\s+){0,8}?to\s+(?:join|mediate|facilitate|act\s+as|"
     r"serve\s+as)"),
    ("051", "V", v("welcome") + r"(?!\s+{THE}{ADJ}(?:delegation|visit|envoy|team|minister))"),
    ("054", "V", v("recogni[sz]e") + r"\s+{THE}{ADJ}(?:government|regime|administration|"
     r"Islamic\s+Emirate)"),
    ("055", "V", v("apologi[sz]e")),
    ("015", "V", r"(?:" + v("claim") + "|" + v("accept") + "|" + v("take", "took", "taken")
     + r")\s+(?:the\s+)?responsibility"),
    ("016", "V", v("deny", "denied") + r"\s+(?:any\s+)?(?:responsibility|involvement|"
     r"role)"),
    ("010", "N", r"(?:speech|statement|remarks|address|press\s+conference)"),
    # ---- 11 disapprove / 13 threaten
    ("111", "V", r"(?:" + v("criticise") + "|" + v("criticize") + "|" + v("condemn") + "|"
     + v("denounce") + "|" + v("slam") + "|" + v("censure") + "|" + v("decry") + "|"
     + v("lambast") + r")"),
    ("1123", "V", v("accuse") + r"\s+{THE}{ADJ}(?:\w+\s+){0,3}?of\s+(?:attack\w*|aggression|"
     r"sheltering|harbou?ring|supporting|backing|sponsoring|cross-border)"),
    ("112", "V", r"(?:" + v("accuse") + "|" + v("blame") + "|" + v("hold", "held")
     + r"\s+(?:\w+\s+){0,3}?responsible)"),
    ("114", "V", r"(?:" + v("lodge") + r"\s+(?:a\s+)?(?:formal\s+)?protest|" + v("summon")
     + r")"),
    ("1384", "V", v("threaten") + r"\s+(?:to\s+)?(?:attack|strike|launch|resume\s+(?:attacks|"
     r"fighting)|retaliat\w+)"),
    ("138", "V", r"(?:" + v("vow") + "|" + v("pledge") + "|" + v("promise") + r")\s+to\s+"
     r"(?:crush|eliminate|destroy|wipe\s+out|defeat|root\s+out|avenge|hit\s+back|retaliate)"),
    ("130", "V", r"(?:" + v("threaten") + "|" + v("warn") + ")"),
    ("139", "V", r"(?:" + v("issue") + "|" + v("give", "gave", "given") + r")\s+{THE}ultimatum"),
    # ---- 07 aid, 075 shelter, 06 cooperate
    ("075", "V", r"(?:" + v("shelter") + "|" + v("harbou?r") + "|" + v("host") + r"\s+{THE}{ADJ}"
     r"(?:leaders?|fighters|militants|commanders)|" + v("grant") + r"\s+(?:\w+\s+)?(?:asylum|"
     r"refuge|sanctuary)|" + v("give", "gave", "given") + r"\s+(?:\w+\s+)?(?:refuge|"
     r"sanctuary|shelter))"),
    ("070", "V", r"(?:" + v("provide") + "|" + v("send", "sent") + "|" + v("deliver") + "|"
     + v("donate") + r")\s+{THE}{ADJ}(?:aid|assistance|relief|supplies|funds|money)"),
    ("072", "V", r"(?:" + v("supply", "supplied") + "|" + v("provide") + r")\s+{THE}{ADJ}"
     r"(?:weapons|arms|ammunition|military\s+aid)"),
    ("062", "V", r"(?:" + v("cooperate") + r"\s+militarily|" + v("conduct") + r"\s+{THE}joint"
     r"\s+(?:operations?|exercises?|patrols?))"),
    ("064", "V", v("share") + r"\s+{THE}(?:intelligence|information)"),
    ("061", "V", v("cooperate") + r"\s+(?:economically|on\s+trade)"),
    ("060", "S", v("cooperate") + r"\s+with"),
    # ---- 08 yield
    ("0841", "S", r"(?:" + v("swap") + "|" + v("exchange") + r")\s+{THE}{ADJ}(?:\w+\s+)?"
     r"(?:prisoners|detainees|hostages|captives|bodies)"),
    ("0841", "V", r"(?:" + v("release") + "|" + v("free", "freed") + "|" + v("hand")
     + r"\s+over|" + v("swap") + "|" + v("exchange") + r")\s+{THE}{ADJ}(?:\w+\s+)?(?:prisoners|"
     r"detainees|hostages|captives|soldiers|officers|men|members|fighters|militants|"
     r"commanders|workers)"),
    ("0841", "V", v("release") + r"\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
     r"dozens|hundreds|scores)"),
    ("0874", "V", r"(?:" + v("withdraw", "withdrew", "withdrawn") + "|" + v("pull")
     + r"\s+out|" + v("retreat") + ")" r"(?:\s+(?:its|their|all|the)\s+(?:\w+\s+)?(?:troops|"
     r"forces|soldiers))?\s+(?:from|of)"),
    ("0874", "N", r"(?:withdrawal|pull-?out)\s+(?:of\s+{THE}{ADJ}(?:troops|forces)\s+)?from"),
    ("0873", "V", r"(?:" + v("disarm") + "|" + v("lay", "laid") + r"\s+down\s+(?:their\s+|its\s+)?"
     r"arms|" + v("surrender") + "|" + v("demobili[sz]e") + ")"),
    ("081", "V", v("reopen") + r"\s+{THE}{ADJ}(?:border|crossing|border\s+crossing|"
     r"highway|road)"),
    ("081", "V", r"(?:" + v("ease") + "|" + v("lift") + r")\s+{THE}{ADJ}(?:restrictions|curfew|"
     r"ban)"),
    ("083", "V", r"(?:" + v("accept") + "|" + v("accede") + r"\s+to|" + v("meet", "met")
     + r")\s+{THE}{ADJ}(?:demands?|conditions)"),
    # ---- 14 protest / 15 force posture / 16 reduce relations / 17 coerce
    ("145", "V", v("riot")),
    ("141", "V", r"(?:(?:" + v("protest") + "|" + v("demonstrate") + "|" + v("rally")
     + r")(?=\s+(?:against|in|outside|near|at|for|over|on|across|,|\.))|" + v("stage")
     + r"\s+(?:a\s+)?(?:sit-in|protest|rally|demonstration))"),
    ("144", "V", r"(?:" + v("block") + r")\s+{THE}{ADJ}(?:road|highway|roads|border|crossing)"),
    ("154", "V", r"(?:" + v("deploy") + "|" + v("mobili[sz]e") + "|" + v("amass") + "|"
     + v("reinforce") + r")(?:\s+{THE}{ADJ}(?:troops|forces|soldiers|units))?"),
    ("154", "V", v("recruit")),
    ("152", "V", r"(?:" + v("put", "put") + "|" + v("place") + r")\s+(?:\w+\s+){0,3}?on\s+"
     r"(?:high\s+)?alert"),
    ("161", "V", r"(?:" + v("sever") + "|" + v("cut", "cut") + r"(?:\s+off)?|"
     + v("break", "broke", "broken") + r"\s+off|" + v("downgrade") + r")\s+{THE}{ADJ}"
     r"(?:ties|relations)|" + v("recall") + r"\s+{THE}ambassador"),
    ("163", "V", v("impose") + r"\s+{THE}{ADJ}(?:sanctions|embargo)"),
    ("191", "V", r"(?:" + v("close") + "|" + v("seal") + "|" + v("shut", "shut") + r")\s+"
     r"{THE}{ADJ}(?:border|crossing|border\s+crossing|highway)"),
    ("166", "V", r"(?:" + v("expel") + "|" + v("expell") + ")"),
    ("174", "V", r"(?:" + v("deport") + "|" + v("repatriate") + ")"),
    ("173", "V", r"(?:" + v("arrest") + "|" + v("detain") + "|" + v("apprehend") + "|"
     + v("capture") + r"(?=\s+(?:\w+\s+){0,3}?(?:militants?|fighters?|commanders?|members|"
     r"suspects?|leaders?|men|terrorists?))|" + v("take", "took", "taken")
     + r"\s+into\s+custody)"),
    ("1723", "V", v("impose") + r"\s+{THE}{ADJ}curfew"),
    ("192", "V", r"(?:" + v("seize") + "|" + v("capture") + "|" + v("retake", "retook", "retaken")
     + "|" + v("recapture") + r")\s+(?:control\s+of\s+)?{THE}{ADJ}(?:town|city|village|district|"
     r"base|airport|garrison|headquarters|province|state|region|area|territory|crossing|"
     r"capital)"),
    ("171", "V", r"(?:" + v("seize") + "|" + v("loot") + "|" + v("confiscate") + ")"),
    ("1712", "V", r"(?:" + v("demolish") + "|" + v("destroy") + "|" + v("torch") + "|"
     + v("set", "set") + r"\s+(?:\w+\s+){0,3}?on\s+fire)"),
    ("175", "V", v("crack") + r"\s+down"),
    ("175", "N", r"crackdown\s+(?:on|against)"),
    # ---- 18 unconventional violence
    ("1831", "N", r"suicide\s+(?:attacks?|bombings?|blasts?|bombers?|explosions?|"
     r"assaults?)"),
    ("1831", "V", r"(?:" + v("blow", "blew", "blown") + r"\s+(?:himself|herself|themselves)"
     r"\s+up)"),
    ("1832", "N", r"(?:car|vehicle|truck)[\s-]+bomb(?:s|ings?|ers?)?"),
    ("1833", "N", r"(?:roadside\s+bomb(?:s|ings?)?|IEDs?|improvised\s+explosive\s+devices?|"
     r"landmines?)"),
    ("181", "V", r"(?:" + v("abduct") + "|" + v("kidnap", "kidnapped", "kidnapping") + "|"
     + v("hijack") + r"|(?:took|take|takes|taken|taking)\s+(?:\w+\s+){0,4}?hostages?)"),
    ("186", "V", v("assassinate")),
    ("185", "N", r"assassination\s+attempt|attempt\s+on\s+(?:the\s+)?life"),
    ("1823", "V", r"(?:" + v("behead") + "|" + v("execute") + "|" + v("murder") + "|"
     + v("lynch") + "|" + v("shoot", "shot") + r"\s+dead|" + v("gun") + r"\s+down|"
     + r"(?:gunned|gunning)\s+down)"),
    ("183", "N", r"(?:bomb\s+(?:attacks?|blasts?|explosions?)|bombings?|blasts?|explosions?)"),
    ("183", "V", v("bomb")),
    # ---- 19 conventional force
    ("195", "N", r"(?:air\s*strikes?|air-strikes?|drone\s+(?:strikes?|attacks?)|air\s+raids?|"
     r"aerial\s+(?:bombardment|bombing|attacks?))"),
    ("195", "V", r"(?:" + v("bomb") + r"\s+from\s+the\s+air|" + v("strafe") + ")"),
    ("194", "N", r"(?:shelling|artillery\s+(?:fire|attacks?)|mortar\s+(?:fire|attacks?|shells?)|"
     r"rocket\s+(?:fire|attacks?))"),
    ("194", "V", v("shell")),
    ("194", "V", v("fire", "fired") + r"\s+(?:\w+\s+){0,2}?(?:rockets?|mortars?|shells?|"
     r"missiles?|artillery)(?:\s+(?:at|on|into|towards))?"),
    ("193", "S", v("exchange") + r"\s+(?:heavy\s+)?(?:fire|gunfire)(?:\s+with)?"),
    ("193", "V", r"(?:" + v("open") + r"\s+fire|" + v("fire", "fired") + r"\s+(?:at|on|upon)|"
     + v("shoot", "shot") + r"\s+at)"),
    ("193", "N", r"(?:gun\s*fights?|gun-?battles?|firefights?|exchange\s+of\s+fire)"),
    ("192", "V", r"(?:" + v("occupy", "occupied") + "|" + v("overrun", "overran") + "|"
     + v("seize") + r"\s+control\s+of|(?:take|takes|took|taken|taking)\s+(?:full\s+)?"
     r"control\s+of|" + v("capture") + r"(?=\s+{THE}{ADJ}(?:town|district|"
     r"village|city|post|posts|checkpoint|base|territory|area|headquarters)))"),
    ("192", "V", r"(?:(?:take|takes|took|taken|taking)\s+(?:over|control\s+(?:of|in))|"
     r"(?:seize|seized|seizes|seizing)\s+(?:power|control))"),
    ("192", "N", r"takeover\s+of"),
    ("190", "S", r"(?:" + v("clash") + r"(?:\s+with)?|" + v("fight", "fought") + r"\s+(?:with|"
     r"against)|" + v("battle") + r"(?:\s+with|\s+against)?)"),
    ("190", "N", r"(?:clashes|fighting|battles?|hostilities|skirmish(?:es)?)\s+(?:with|between|"
     r"against)"),
    ("190", "N", r"(?:(?:counter-?terrorism|counter-?insurgency|military|security|"
     r"intelligence-based|search-and-destroy|clearance|ground|cross-border)\s+){1,2}"
     r"(?:operations?|offensives?|campaigns?|raids?)"),
    ("190", "V", r"(?:" + v("attack") + "|" + v("assault") + "|" + v("ambush") + "|"
     + v("raid") + "|" + v("storm") + "|" + v("strike", "struck") + r"(?=\s+(?:at\s+)?{THE}{ADJ}"
     r"(?:\w+\s+)?(?:posts?|checkpoints?|base|convoy|camps?|hideouts?|positions?|targets?))|"
     + v("kill", "killed") + "|" + v("target") + "|" + v("wound") + "|" + v("injure") + ")"),
    ("190", "N", r"{ATTACKN}"),
    ("202", "V", v("massacre")),
]


@dataclass(frozen=True)
class Entry:
    code: str
    kind: str
    pattern: str


def _expand(pattern: str) -> str:
    for _ in range(3):
        for k, val in MACROS.items():
            pattern = pattern.replace("{" + k + "}", val)
    return pattern


ENTRY_LIST = [Entry(c, k, _expand(p)) for c, k, p in ENTRIES]
VERBS = DispatchMatcher([e.pattern for e in ENTRY_LIST], re.IGNORECASE)


def find_triggers(text: str):
    """(match, entry) for each verb-pattern match in ``text``, left to right."""
    for m, i in VERBS.finditer(text):
        yield m, ENTRY_LIST[i]


