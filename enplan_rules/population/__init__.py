"""Population tools for policy analysts: a synthetic population (`enplan synth`) and the comparison of sector law,
the One Plan law and the trial over it (`enplan compare`), vectorised in chunks of citizens."""
