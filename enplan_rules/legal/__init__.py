"""What an answer rests on: the ambiguity register, parameter provenance and the dependency trace."""
