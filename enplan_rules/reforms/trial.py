"""The En Plan free-municipality trial on top of the One Plan law, as dated layers of its texts.

Lov nr. 658 af 8.6.2017 om frikommunenetværk § 11 (the Social Services Act) and the trial orders in turn: BEK nr.
603 af 1.6.2017 (from 1 Jul 2017), BEK nr. 1255 af 24.11.2017 (from 1 Jan 2018), BEK nr. 529 af 23.5.2018 (from
1 Jul 2018), BEK nr. 1184 af 25.11.2019 (from 1 Jan 2020, in LBA terms). An exemption applies in a month only
where the text in force gives it (`trial.text_gives`) and the municipality adopted it for its group and dates
(`trial.municipalities`, from the seeds) — and, for a case, only where the municipality uses it (a judgement).
"""

import os

from openfisca_core.reforms import Reform

from enplan_rules import PARAMETERS_DIR, VARIABLES_DIR
from enplan_rules.reforms import add_parameter_tree, apply_variables


class trial(Reform):
    name = "Frikommunenetværk En plan (lov nr. 658/2017 § 11; BEK nr. 603/2017, 1255/2017, 529/2018, 1184/2019)"

    def apply(self):
        self.modify_parameters(
            lambda parameters: add_parameter_tree(parameters, "trial", os.path.join(PARAMETERS_DIR, "trial"))
        )
        apply_variables(self, os.path.join(VARIABLES_DIR, "trial"))
