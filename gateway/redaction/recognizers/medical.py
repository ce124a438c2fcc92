"""MRN: medical record, admission, outpatient and patient numbers (always with a cue).

Numbers that identify one patient's sample or prescription — lab accession and specimen
numbers, blood-bank numbers, barcode numbers on a tube, prescription (Rx) numbers, NHS
numbers — are treated as MRN: each one leads back to the patient's record. Vaccine lot
numbers identify a batch, not a person, and stay.
"""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

# A code after a cue: letters/digits, joined by dashes or by spaces before digit groups
# ("A 0045 6612", "7 7 3 2 1 0 9 9"); never a dose or a count ("Rx 500mg", "Rx 30 tablets").
_NOT_DOSE = (
    r"(?!\d+(?:[.,]\d+)?\s*(?:mg|mcg|ug|ml|g|kg|cm|mm|iu|units?|tabs?|tablets?|pills?|caps?"
    r"|capsules?|片|粒|支|盒|毫克|克|次|天|岁)(?![A-Za-z])|\d(?:-\d){2,3}(?![\w-]))"
)
# A short word before a number is not a code prefix ("sample was 12", "MRN is 4").
_NOT_WORD = r"(?!(?:is|was|are|no|at|on|in|of|to|the|and|for|my|his|her|bin|pcn|grp)\s)"
_CODE = (
    rf"{_NOT_DOSE}{_NOT_WORD}(?=[A-Za-z0-9-]*\d|[A-Za-z]{{1,3}}[ ]\d{{4}})[A-Za-z0-9]"
    rf"(?:[A-Za-z0-9]|-(?=[A-Za-z0-9])|[ ]{_NOT_DOSE}(?=\d{{3}})"
    r"|[ ](?=\d[ ]\d[ ]\d)|(?<=\d [\d])[ ](?=\d)"
    # A short last group ("ZY 2024 0012 34"), not a value with its unit ("… 12 mg").
    r"|[ ](?=\d\d(?![\dA-Za-z]|[.,]\d|\s*[A-Za-z%\u4e00-\u9fff]))"
    r"|(?<=\d{4})[ ](?=\d(?![\dA-Za-z]|[.,]\d|\s*[A-Za-z%\u4e00-\u9fff]))){3,24}"
)

# Cue words, shared by both rules.
_CUES = (
    r"病历号|病历编号|病案号|病案编号|住院号|住院编号|门诊号|门诊编号|就诊号|就诊卡号|就诊卡"
    r"|诊疗卡号|挂号号|登记号|患者ID|患者编号|病人ID|ID号|档案号|检查号|体检号|体检编号|入院号"
    r"|核酸编号|采样编号|处方号|处方编号|标本号|样本号|条码号|条形码|检验号|检验单号|体检单号|病理号|接种证号"
    r"|MRN|medical\s*record\s*(?:number|no\.?|#)?|patient\s*(?:id|number|no\.?|#)"
    r"|chart\s*(?:number|no\.?|#)|chart(?=\s+\d{4})|acct\.?(?:\s*(?:number|no\.?|#))?|hospital\s*(?:number|no\.?|#|id)|record\s*(?:number|#)"
    r"|case\s*(?:number|no\.?|#)|account\s*#|\brx\s*(?:number|no\.?|#)?|prescription\s*(?:number|no\.?|#)"
    r"|(?:specimen|accession|barcode)\s*(?:number|no\.?|#|id)?|sample\s*(?:number|no\.?|#|id)"
    r"|nhs\s*(?:number|no\.?|#)"
    r"|blood\s*bank\s*(?:number|no\.?|#|id)?"
    r"|(?:admission|encounter|visit)\s*(?:number|no\.?|#|id)"
)

# Speed: one of the cue words must occur (lower-cased text) for the rules to run.
_ANCHOR = re.compile(
    r"病历|病案|住院号|住院编号|门诊号|门诊编号|就诊号|就诊卡|诊疗卡|挂号号|登记号|患者id|患者编号|病人id|id号"
    r"|核酸编号|采样编号|档案号|检查号|体检号|体检编号|入院号|处方|标本号|样本号|条码号|条形码|检验号|检验单号|体检单号|病理号"
    r"|接种证号|acct"
    r"|mrn|record|chart\s+\d|patient\s*(?:id|number|no|#)|admission|encounter|visit\s*(?:id|number|no|#)"
    r"|chart\s*(?:number|no|#)|hospital\s*(?:number|no|#|id)|case\s*(?:number|no|#)|account\s*#"
    r"|rx|prescription|specimen|accession|sample|barcode|nhs|blood\s*bank"
)

RULES = [
    PatternRule(
        # The number right after its cue ("住院号：ZY0098231") or a few words on ("medical
        # record no. is on the bracelet: 00034-5567"). Scored above the phone rules: an NHS
        # number (3-3-4 digits) after its cue is a record number, not a phone.
        "MRN",
        re.compile(
            # Speed: the first character of some cue word, tested before the cue alternation.
            r"(?=[IiMmAaBbCcHhNnPpRrSsEeVv住体入处就患挂接条标样档检病登诊门核采])"
            rf"(?:{_CUES})"
            r"(?:[^\dA-Za-z\n]{0,6}\n?(?:(?:is|was|number|no|码|是|为)[^\dA-Za-z]{0,4})?"
            # Which hospital's number, in brackets: "MRN (Kaiser) 11-2233-4455".
            r"|\s*\([^()\n]{1,20}\)\s*[:#]?\s*"
            r"|[^\d\n]{0,28}?(?:\b(?:is|was)\b|:|#)\s*)"
            rf"(?P<value>{_CODE})",
            re.IGNORECASE,
        ),
        1.0,
        "mrn_cued",
        anchor_window=(16, 96),
        anchor=_ANCHOR,
        group="value",
    ),
]
