"""enplan_rules: the ordinary sector law, the One Plan law and the En Plan free-municipality trial as OpenFisca."""

import functools
import os
from importlib.metadata import PackageNotFoundError, version

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from enplan_rules import entities
from enplan_rules.legal import provenance

try:
    __version__ = version("enplan_rules")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
PARAMETERS_DIR = os.path.join(PACKAGE_DIR, "parameters")
VARIABLES_DIR = os.path.join(PACKAGE_DIR, "variables")


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Sector law: LAB, SEL, LAS, LSD and their executive orders, without any one-plan provision."""

    def __init__(self):
        super().__init__(entities.entities)
        self.load_parameters(os.path.join(PARAMETERS_DIR, "sector_law"))
        provenance.complete_metadata(self.parameters)
        self.add_variables_from_directory(os.path.join(VARIABLES_DIR, "sector_law"))

    def get_package_metadata(self):
        """OpenFisca's metadata of the package (name, version, location, repository), read from the installed
        distribution once: OpenFisca asks for it at every variables file it loads, and reading it each time was
        about a third of loading a system. A copy, so a caller cannot change the next caller's."""
        return dict(_package_metadata())


@functools.cache
def _package_metadata():
    return TaxBenefitSystem.get_package_metadata(CountryTaxBenefitSystem.__new__(CountryTaxBenefitSystem))
