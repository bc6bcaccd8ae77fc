"""`python -m codegen` runs the typepact command."""

from codegen.launcher import main

main()
