"""Lov nr. 707 af 8.6.2018 (L 232): the holistic plan, nationwide from 1 Jul 2018."""

import os

from openfisca_core.reforms import Reform

from enplan_rules import PARAMETERS_DIR, VARIABLES_DIR
from enplan_rules.reforms import add_parameter_tree, apply_variables


class one_plan_law(Reform):
    name = "Lov om Én plan (lov nr. 707 af 8.6.2018)"

    def apply(self):
        self.modify_parameters(
            lambda parameters: add_parameter_tree(
                parameters, "one_plan_law", os.path.join(PARAMETERS_DIR, "one_plan_law")
            )
        )
        apply_variables(self, os.path.join(VARIABLES_DIR, "one_plan_law"))
