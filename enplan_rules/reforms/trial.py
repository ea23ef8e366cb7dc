"""The En Plan free-municipality trial (lov nr. 658 af 8.6.2017, BEK nr. 529 af 23.5.2018) on top of the One Plan law."""

import os

from openfisca_core.reforms import Reform

from enplan_rules import PARAMETERS_DIR, VARIABLES_DIR
from enplan_rules.reforms import add_parameter_tree, apply_variables


class trial(Reform):
    name = "Frikommunenetværk En plan (BEK nr. 529 af 23.5.2018 §§ 26–34)"

    def apply(self):
        self.modify_parameters(
            lambda parameters: add_parameter_tree(parameters, "trial", os.path.join(PARAMETERS_DIR, "trial"))
        )
        apply_variables(self, os.path.join(VARIABLES_DIR, "trial"))
