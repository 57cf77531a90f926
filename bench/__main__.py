import sys

if sys.argv[1:2] == ["synthesis"]:  # python -m bench synthesis …: the synthesis engine
    from bench.synthesis.runner import main as synthesis_main

    sys.exit(synthesis_main(sys.argv[2:]))

from bench.runner import main

sys.exit(main())
