"""The Variable every rule of this package is written with: OpenFisca's own, with a Danish label beside the English.

A variable states `label` (English, what OpenFisca's web API shows as `description`) and `label_da` (the same in
Danish). OpenFisca refuses attributes it does not know, so `label_da` is taken out of the class body when the
class is defined and set on the variable after OpenFisca's own initialisation; `labels` gives both by language.
"""

from openfisca_core.variables import Variable as OpenFiscaVariable


class Variable(OpenFiscaVariable):
    """An OpenFisca variable with `label_da`, its label in Danish."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "label_da" in cls.__dict__:
            # a name starting with "__" is one OpenFisca's Variable does not read as an attribute of the rule
            cls.__label_da__ = cls.__dict__["label_da"]
            delattr(cls, "label_da")

    def __init__(self, baseline_variable=None):
        super().__init__(baseline_variable)
        self.label_da = getattr(type(self), "__label_da__", None)

    @property
    def labels(self):
        """The label by language: {"da": ..., "en": ...}."""
        return {"da": self.label_da, "en": self.label}
