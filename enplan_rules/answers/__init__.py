"""What an answer is, beyond its value: the judgements, readings and unknown facts it rests on (issue 9)."""
