"""MRN: medical record, admission, outpatient and patient numbers (always with a cue)."""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

_CODE = r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])|[ ](?=\d{3})){3,24}"

# Speed: one of the cue words must occur (lower-cased text) for the rules to run.
_ANCHOR = re.compile(
    r"病历|病案|住院号|门诊号|就诊号|就诊卡|诊疗卡|挂号号|登记号|患者id|患者编号|病人id|id号|档案号"
    r"|检查号|体检号|入院号|mrn|record|patient\s*(?:id|number|no|#)|admission|encounter|visit\s*(?:id|number|no|#)|chart\s*(?:number|no|#)"
    r"|hospital\s*(?:number|no|#|id)|case\s*(?:number|no|#)|account\s*#"
)

RULES = [
    PatternRule(
        "MRN",
        re.compile(
            r"(?:病历号|病历编号|病案号|住院号|门诊号|就诊号|就诊卡号|就诊卡|诊疗卡号|挂号号|登记号"
            r"|患者ID|患者编号|病人ID|ID号|档案号|检查号|体检号"
            r"|MRN|medical\s*record\s*(?:number|no\.?|#)?|patient\s*(?:id|number|no\.?|#)"
            r"|chart\s*(?:number|no\.?|#)|hospital\s*(?:number|no\.?|#|id)|record\s*(?:number|#)"
            r"|case\s*(?:number|no\.?|#)|account\s*#|入院号"
            r"|(?:admission|encounter|visit)\s*(?:number|no\.?|#|id))"
            r"(?:[^\dA-Za-z\n]{0,6}(?:(?:is|was|number|no|码|是|为)[^\dA-Za-z\n]{0,4})?"
            rf"(?P<value>{_CODE})"
            r")",
            re.IGNORECASE,
        ),
        0.9,
        "mrn_cued",
        anchor_window=(0, 64),
        anchor=_ANCHOR,
        group="value",
    ),
    PatternRule(
        "MRN",
        re.compile(
            r"(?:MRN|medical\s*record\s*(?:number|no\.?|#)?|patient\s*(?:id|number|no\.?|#)"
            r"|chart\s*(?:number|no\.?|#)|hospital\s*(?:number|no\.?|#|id))"
            r"[^\d\n]{0,28}?\b(?:is|was|:|#)\s*"
            r"(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{4,24})",
            re.IGNORECASE,
        ),
        0.85,
        "mrn_far_cue",
        anchor_window=(0, 96),
        anchor=_ANCHOR,
        group="value",
    ),
]
